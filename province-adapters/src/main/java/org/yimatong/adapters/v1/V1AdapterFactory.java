package org.yimatong.adapters.v1;

import java.util.Optional;

import org.yimatong.adapters.spi.AdapterContext;
import org.yimatong.adapters.spi.AdapterFactory;
import org.yimatong.adapters.spi.MemberAdapter;
import org.yimatong.adapters.spi.MemberEndpoint;
import org.yimatong.adapters.spi.NativeCodes;

public final class V1AdapterFactory implements AdapterFactory {

    @Override
    public String dialect() {
        return V1Adapter.DIALECT;
    }

    @Override
    public MemberAdapter create(MemberEndpoint endpoint, AdapterContext context) {
        return new V1Adapter(endpoint, context);
    }

    /** Gansu's own code strings, {@code GSJKM1:<region>:<serial>:<check>} ({@link GansuNativeCode}). */
    @Override
    public Optional<NativeCodes> nativeCodes() {
        return Optional.of(GansuNativeCode.RECOGNISER);
    }
}
