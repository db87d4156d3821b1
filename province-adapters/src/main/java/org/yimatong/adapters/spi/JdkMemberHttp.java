package org.yimatong.adapters.spi;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * {@link MemberHttp} over the JDK's client, for tools and tests that run adapters without a hub: HTTP/1.1,
 * redirects never followed, answers read up to {@code maxAnswerBytes}. The JDK client bounds the time until the
 * answer's headers ({@link HttpCall#idleTimeout()}), not the reading of the body.
 */
public final class JdkMemberHttp implements MemberHttp {

    private static final long DEFAULT_MAX_ANSWER_BYTES = 4L << 20;

    private final HttpClient client;
    private final long maxAnswerBytes;

    public JdkMemberHttp(HttpClient client, long maxAnswerBytes) {
        this.client = client;
        this.maxAnswerBytes = maxAnswerBytes;
    }

    /** A fresh client: 2 s to connect, answers up to 4 MiB. */
    public static JdkMemberHttp standard() {
        return new JdkMemberHttp(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build(), DEFAULT_MAX_ANSWER_BYTES);
    }

    @Override
    public CompletionStage<HttpAnswer> send(HttpCall call) {
        return exchange(call, HttpResponse.BodyHandlers.ofInputStream()).thenApply(response -> {
            try (InputStream body = response.body()) {
                byte[] read = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxAnswerBytes + 1));
                if (read.length > maxAnswerBytes) {
                    throw new AnswerTooLargeException(maxAnswerBytes);
                }
                return new HttpAnswer(response.statusCode(), read);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Override
    public CompletionStage<Integer> download(HttpCall call, Path file) {
        return exchange(call, HttpResponse.BodyHandlers.ofFile(file)).thenApply(HttpResponse::statusCode);
    }

    private <B> CompletionStage<HttpResponse<B>> exchange(HttpCall call, HttpResponse.BodyHandler<B> handler) {
        HttpRequest.Builder request = HttpRequest.newBuilder(call.uri())
                .timeout(call.idleTimeout())
                .method(call.method(), call.body().length == 0 && !"POST".equals(call.method())
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(call.body()));
        call.headers().forEach(request::header);
        try {
            return client.sendAsync(request.build(), handler).exceptionallyCompose(failure -> {
                Throwable cause = NativeCalls.unwrap(failure);
                if (cause instanceof HttpTimeoutException) {
                    TimeoutException timeout = new TimeoutException(cause.getMessage());
                    timeout.initCause(cause);
                    return CompletableFuture.failedFuture(timeout);
                }
                return CompletableFuture.failedFuture(cause);
            });
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
