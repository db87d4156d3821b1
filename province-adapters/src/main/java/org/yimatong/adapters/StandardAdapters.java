package org.yimatong.adapters;

import java.util.List;

import org.yimatong.adapters.csvlist.CsvListAdapterFactory;
import org.yimatong.adapters.jsonhmac.JsonHmacAdapterFactory;
import org.yimatong.adapters.nationalrelay.NationalRelayAdapterFactory;
import org.yimatong.adapters.soapmd5.SoapMd5AdapterFactory;
import org.yimatong.adapters.spi.AdapterRegistry;
import org.yimatong.adapters.v1.V1AdapterFactory;

/** The dialects this module ships: {@code v1, soap-md5, json-hmac, national-relay, csv-list}. */
public final class StandardAdapters {

    private StandardAdapters() {
    }

    public static AdapterRegistry registry() {
        return new AdapterRegistry(List.of(new V1AdapterFactory(), new SoapMd5AdapterFactory(),
                new JsonHmacAdapterFactory(), new NationalRelayAdapterFactory(), new CsvListAdapterFactory()));
    }
}
