package org.yimatong.adapters.jsonhmac;

import org.yimatong.adapters.spi.AdapterContext;
import org.yimatong.adapters.spi.AdapterFactory;
import org.yimatong.adapters.spi.MemberAdapter;
import org.yimatong.adapters.spi.MemberEndpoint;

public final class JsonHmacAdapterFactory implements AdapterFactory {

    @Override
    public String dialect() {
        return JsonHmacAdapter.DIALECT;
    }

    @Override
    public MemberAdapter create(MemberEndpoint endpoint, AdapterContext context) {
        return new JsonHmacAdapter(endpoint, context);
    }
}
