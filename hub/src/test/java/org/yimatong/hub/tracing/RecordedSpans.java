package org.yimatong.hub.tracing;

import java.util.Collection;
import java.util.List;

import jakarta.inject.Singleton;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * The spans the test hub finished, kept in memory: Quarkus OpenTelemetry exports to every {@link SpanExporter}
 * bean (and, since there is one, never to its OTLP default). The whole suite shares one boot, so the spans of other
 * tests are dropped once there are many of them; a test resets it before it starts.
 */
@Singleton
public class RecordedSpans implements SpanExporter {

    private static final int KEPT = 5_000;

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();

    public List<SpanData> finished() {
        return spans.getFinishedSpanItems();
    }

    public void reset() {
        spans.reset();
    }

    @Override
    public synchronized CompletableResultCode export(Collection<SpanData> batch) {
        if (spans.getFinishedSpanItems().size() > KEPT) {
            spans.reset();
        }
        return spans.export(batch);
    }

    @Override
    public CompletableResultCode flush() {
        return spans.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        // the exporter outlives the SDK of one boot: a shut-down InMemorySpanExporter would refuse every later span
        return CompletableResultCode.ofSuccess();
    }
}
