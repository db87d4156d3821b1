package org.yimatong.hub.tracing;

import java.util.Collection;

import jakarta.inject.Singleton;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.Unremovable;
import io.quarkus.arc.lookup.LookupIfProperty;

/**
 * Keeps the hub's spans in the hub unless {@code YMT_OTEL_ENDPOINT} names an OTLP collector. Quarkus's own OTLP
 * exporter always has an endpoint (it falls back to {@code localhost:4317}) and its switch is fixed at build time;
 * it stands down, though, whenever some other {@link SpanExporter} bean can be looked up. This one can be while the
 * endpoint is unset, so the default hub propagates {@code traceparent} and logs trace ids but sends nothing anywhere.
 * With an endpoint set it cannot be looked up, and Quarkus exports to that endpoint.
 */
@Singleton
@Unremovable
@LookupIfProperty(name = ExportOff.ENDPOINT, stringValue = ExportOff.OFF)
public class ExportOff implements SpanExporter {

    static final String ENDPOINT = "ymt.tracing.otlp-endpoint";
    static final String OFF = "off";

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
