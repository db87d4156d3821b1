package org.yimatong.adapters.soapmd5;

import org.yimatong.adapters.spi.AdapterContext;
import org.yimatong.adapters.spi.AdapterFactory;
import org.yimatong.adapters.spi.MemberAdapter;
import org.yimatong.adapters.spi.MemberEndpoint;

public final class SoapMd5AdapterFactory implements AdapterFactory {

    @Override
    public String dialect() {
        return SoapMd5Adapter.DIALECT;
    }

    @Override
    public MemberAdapter create(MemberEndpoint endpoint, AdapterContext context) {
        return new SoapMd5Adapter(endpoint, context);
    }
}
