package org.yimatong.hub.registry;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.yimatong.adapters.spi.AnswerTooLargeException;
import org.yimatong.adapters.spi.HttpCall;
import org.yimatong.hub.outbound.VertxMemberHttp;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import io.smallrye.mutiny.Uni;

/** Fetches a published key set (a member's {@code jwks_uri}, or the parent hub's {@code /v1/jwks}). */
@ApplicationScoped
public class KeySetFetcher {

    private static final Duration DEADLINE = Duration.ofSeconds(6);

    private final VertxMemberHttp http;

    public KeySetFetcher(VertxMemberHttp http) {
        this.http = http;
    }

    public Uni<JwkSet> fetch(URI uri) {
        return http.exchange(HttpCall.get(uri).header("Accept", "application/jwk-set+json, application/json")
                .timeout(DEADLINE))
                .onFailure(TimeoutException.class).transform(late -> new ProblemException(ProblemType.MEMBER_TIMEOUT,
                        "Key set at " + uri + " was not read within " + DEADLINE.toMillis() + " ms"))
                .onFailure(AnswerTooLargeException.class).transform(tooLarge -> new ProblemException(
                        ProblemType.MEMBER_BAD_ANSWER, "Key set at " + uri + ": " + tooLarge.getMessage()))
                .map(response -> {
                    if (response.status() != 200) {
                        throw new ProblemException(ProblemType.MEMBER_BAD_ANSWER,
                                "Key set at " + uri + " answered HTTP " + response.status());
                    }
                    return JwkSet.parse(new String(response.body(), StandardCharsets.UTF_8));
                });
    }
}
