package org.yimatong.hub.outbound;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.yimatong.adapters.spi.HttpAnswer;
import org.yimatong.adapters.spi.HttpCall;
import org.yimatong.adapters.spi.MemberHttp;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.smallrye.mutiny.Uni;
import io.vertx.core.file.OpenOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.codec.BodyCodec;

/**
 * Every call that leaves the hub for another node (members of any dialect, child and parent hubs, key sets,
 * callbacks) goes through here, on the one {@link OutboundHttp} client: no thread waits, an answer is read up to
 * {@link AnswerLimit}, https or plain http to this machine only ({@link PlainHttpRefusedException}), and the call's
 * timeout is a total deadline (Vert.x's own timeout only bounds the time between two reads, so a peer dripping bytes
 * would otherwise hold the call open).
 * <p>
 * Each call is a client span of the current trace and carries it to the node as {@code traceparent} (DESIGN.md
 * §14), so a verification through national, regional hub and home platform is one trace. The span is made here,
 * not by Quarkus's Vert.x client instrumentation: that one parents every call to the request's server span, not to
 * the route step that made it ({@link OutboundHttp} turns it off).
 */
@ApplicationScoped
public class VertxMemberHttp implements MemberHttp {

    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<String> URL = AttributeKey.stringKey("url.full");
    private static final AttributeKey<String> SERVER = AttributeKey.stringKey("server.address");
    private static final AttributeKey<Long> PORT = AttributeKey.longKey("server.port");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    private static final AttributeKey<String> ERROR = AttributeKey.stringKey("error.type");

    private final WebClient web;
    private final AnswerLimit answers;
    private final Vertx vertx;
    private final Tracer tracer;
    private final TextMapPropagator propagator;

    public VertxMemberHttp(WebClient web, AnswerLimit answers, Vertx vertx, OpenTelemetry telemetry) {
        this.web = web;
        this.answers = answers;
        this.vertx = vertx;
        this.tracer = telemetry.getTracer("org.yimatong.hub.outbound");
        this.propagator = telemetry.getPropagators().getTextMapPropagator();
    }

    @Override
    public CompletionStage<HttpAnswer> send(HttpCall call) {
        return exchange(call).subscribeAsCompletionStage();
    }

    /** {@link #send} as a {@link Uni}, for the hub's own reactive callers. */
    public Uni<HttpAnswer> exchange(HttpCall call) {
        try {
            PlainHttpRefusedException.check(call.uri());
        } catch (PlainHttpRefusedException e) {
            return Uni.createFrom().failure(e);
        }
        return traced(call, traceparent -> deadline(call, sent(prepare(call, traceparent).as(answers.body()), call)))
                .map(response -> new HttpAnswer(response.statusCode(),
                        response.body() == null ? null : response.body().getBytes()));
    }

    @Override
    public CompletionStage<Integer> download(HttpCall call, Path file) {
        try {
            PlainHttpRefusedException.check(call.uri());
        } catch (PlainHttpRefusedException e) {
            return CompletableFuture.failedFuture(e);
        }
        return vertx.fileSystem().open(file.toString(), new OpenOptions().setWrite(true).setTruncateExisting(true))
                .flatMap(target -> traced(call, traceparent -> deadline(call, sent(prepare(call, traceparent)
                        .as(BodyCodec.pipe(target)), call)))
                        .map(HttpResponse::statusCode)
                        .onFailure().call(() -> target.close().onFailure().recoverWithNull()))
                .subscribeAsCompletionStage();
    }

    /**
     * The exchange {@code send} starts, in a client span begun when it is subscribed to (a guard may subscribe
     * later than the call was built), under the context current then: the route step or job that makes the call.
     */
    private <T> Uni<HttpResponse<T>> traced(HttpCall call, Function<Context, Uni<HttpResponse<T>>> send) {
        return Uni.createFrom().deferred(() -> {
            URI uri = call.uri();
            Context parent = Context.current();
            Span span = tracer.spanBuilder(call.method() + " " + uri.getHost()).setParent(parent)
                    .setSpanKind(SpanKind.CLIENT)
                    .setAttribute(METHOD, call.method())
                    // without the query: it may hold what a log or a collector should not keep
                    .setAttribute(URL, uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath())
                    .setAttribute(SERVER, uri.getHost())
                    .setAttribute(PORT, (long) port(uri))
                    .startSpan();
            return send.apply(parent.with(span))
                    .onItem().invoke(response -> {
                        span.setAttribute(STATUS, (long) response.statusCode());
                        if (response.statusCode() >= 400) {
                            span.setStatus(StatusCode.ERROR);
                        }
                    })
                    .onFailure().invoke(failure -> {
                        span.setAttribute(ERROR, failure.getClass().getName());
                        span.setStatus(StatusCode.ERROR, failure.getMessage());
                    })
                    .onCancellation().invoke(() -> span.setAttribute(ERROR, "cancelled"))
                    .onTermination().invoke(span::end);
        });
    }

    private static int port(URI uri) {
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private HttpRequest<Buffer> prepare(HttpCall call, Context trace) {
        HttpRequest<Buffer> request = web.requestAbs(io.vertx.core.http.HttpMethod.valueOf(call.method()),
                call.uri().toString()).timeout(call.idleTimeout().toMillis());
        call.headers().forEach(request::putHeader);
        propagator.inject(trace, request, (into, name, value) -> into.putHeader(name, value));
        return request;
    }

    private static <T> Uni<HttpResponse<T>> sent(HttpRequest<T> request, HttpCall call) {
        return call.body().length == 0 && !"POST".equals(call.method()) ? request.send()
                : request.sendBuffer(Buffer.buffer(call.body()));
    }

    private static <T> Uni<T> deadline(HttpCall call, Uni<T> exchange) {
        return exchange.ifNoItem().after(call.timeout()).failWith(() -> new TimeoutException(
                call.uri().getHost() + " did not answer within " + call.timeout().toMillis() + " ms"));
    }
}
