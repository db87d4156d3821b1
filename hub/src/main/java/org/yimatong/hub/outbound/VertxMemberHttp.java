package org.yimatong.hub.outbound;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.yimatong.adapters.spi.HttpAnswer;
import org.yimatong.adapters.spi.HttpCall;
import org.yimatong.adapters.spi.MemberHttp;

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
 * {@link AnswerLimit}, https or plain http to this machine only ({@link PlainHttpRefusedException}), and the call's timeout is a total deadline (Vert.x's own timeout only bounds the time between
 * two reads, so a peer dripping bytes would otherwise hold the call open).
 */
@ApplicationScoped
public class VertxMemberHttp implements MemberHttp {

    private final WebClient web;
    private final AnswerLimit answers;
    private final Vertx vertx;

    public VertxMemberHttp(WebClient web, AnswerLimit answers, Vertx vertx) {
        this.web = web;
        this.answers = answers;
        this.vertx = vertx;
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
        HttpRequest<Buffer> request = prepare(call).as(answers.body());
        return deadline(call, sent(request, call))
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
                .flatMap(target -> deadline(call, sent(prepare(call).as(BodyCodec.pipe(target)), call))
                        .map(HttpResponse::statusCode)
                        .onFailure().call(() -> target.close().onFailure().recoverWithNull()))
                .subscribeAsCompletionStage();
    }

    private HttpRequest<Buffer> prepare(HttpCall call) {
        HttpRequest<Buffer> request = web.requestAbs(io.vertx.core.http.HttpMethod.valueOf(call.method()),
                call.uri().toString()).timeout(call.idleTimeout().toMillis());
        call.headers().forEach(request::putHeader);
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
