package org.yimatong.adapters.soapmd5;

import java.util.Optional;

import org.yimatong.adapters.spi.AdapterContext;
import org.yimatong.adapters.spi.AdapterFactory;
import org.yimatong.adapters.spi.MemberAdapter;
import org.yimatong.adapters.spi.MemberEndpoint;
import org.yimatong.adapters.spi.NativeCodes;

public final class SoapMd5AdapterFactory implements AdapterFactory {

    @Override
    public String dialect() {
        return SoapMd5Adapter.DIALECT;
    }

    @Override
    public MemberAdapter create(MemberEndpoint endpoint, AdapterContext context) {
        return new SoapMd5Adapter(endpoint, context);
    }

    /** The platform's own code strings, {@code JKM1:<region>:<serial>:<check>} ({@link SoapMd5NativeCode}). */
    @Override
    public Optional<NativeCodes> nativeCodes() {
        return Optional.of(SoapMd5NativeCode.RECOGNISER);
    }
}
