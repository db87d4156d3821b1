package org.yimatong.adapters.nationalrelay;

import org.yimatong.adapters.spi.AdapterContext;
import org.yimatong.adapters.spi.AdapterFactory;
import org.yimatong.adapters.spi.MemberAdapter;
import org.yimatong.adapters.spi.MemberEndpoint;

public final class NationalRelayAdapterFactory implements AdapterFactory {

    @Override
    public String dialect() {
        return NationalRelayAdapter.DIALECT;
    }

    @Override
    public MemberAdapter create(MemberEndpoint endpoint, AdapterContext context) {
        return new NationalRelayAdapter(endpoint, context);
    }
}
