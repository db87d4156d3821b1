package org.yimatong.adapters.csvlist;

import org.yimatong.adapters.spi.AdapterContext;
import org.yimatong.adapters.spi.AdapterFactory;
import org.yimatong.adapters.spi.MemberAdapter;
import org.yimatong.adapters.spi.MemberEndpoint;

public final class CsvListAdapterFactory implements AdapterFactory {

    @Override
    public String dialect() {
        return CsvListAdapter.DIALECT;
    }

    @Override
    public MemberAdapter create(MemberEndpoint endpoint, AdapterContext context) {
        return new CsvListAdapter(endpoint, context);
    }
}
