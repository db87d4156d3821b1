package org.yimatong.hub.registry;

import java.net.URI;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.yimatong.hub.outbound.AnswerLimit;
import org.yimatong.hub.outbound.AnswerTooLargeException;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.ext.web.client.WebClient;

/** Fetches a published key set (a member's {@code jwks_uri}, or the parent hub's {@code /v1/jwks}). */
@ApplicationScoped
public class KeySetFetcher {

    private static final int TIMEOUT_MS = 2000;
    private static final Duration DEADLINE = Duration.ofMillis(3 * TIMEOUT_MS);

    private final WebClient client;

    private final AnswerLimit answers;

    public KeySetFetcher(WebClient client, AnswerLimit answers) {
        this.client = client;
        this.answers = answers;
    }

    public Uni<JwkSet> fetch(URI uri) {
        // timeout() is between two reads; the deadline is for the whole answer, so a peer dripping bytes is cut off
        return client.getAbs(uri.toString()).as(answers.body()).timeout(TIMEOUT_MS).send()
                .ifNoItem().after(DEADLINE).failWith(() -> new ProblemException(ProblemType.MEMBER_TIMEOUT,
                        "Key set at " + uri + " was not read within " + DEADLINE.toMillis() + " ms"))
                .onFailure(AnswerTooLargeException.class).transform(tooLarge -> new ProblemException(
                        ProblemType.MEMBER_BAD_ANSWER, "Key set at " + uri + ": " + tooLarge.getMessage()))
                .map(response -> {
                    if (response.statusCode() != 200) {
                        throw new ProblemException(ProblemType.MEMBER_BAD_ANSWER,
                                "Key set at " + uri + " answered HTTP " + response.statusCode());
                    }
                    return JwkSet.parse(response.bodyAsString());
                });
    }
}
