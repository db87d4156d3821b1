package org.yimatong.hub.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletionException;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.yimatong.adapters.spi.HttpCall;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Whatever URL reaches the outbound client, plain http leaves the hub only for this machine: the refusal comes
 * before any connection; nothing is looked up.
 */
@QuarkusTest
class PlainHttpIsRefusedTest {

    @Inject
    VertxMemberHttp http;

    @Test
    void plainHttpToAnotherHostIsRefusedBeforeConnecting() {
        Throwable failure = assertThrows(CompletionException.class, () -> http.send(
                HttpCall.get(URI.create("http://member.invalid/member/v1/verifications"))).toCompletableFuture()
                .join()).getCause();

        PlainHttpRefusedException refused = assertInstanceOf(PlainHttpRefusedException.class, failure);
        assertEquals("http://member.invalid is not https: the hub speaks plain http only to localhost",
                refused.getMessage());
    }

    @Test
    void otherSchemesAreRefusedToo() {
        Throwable failure = assertThrows(RuntimeException.class, () -> http.exchange(
                HttpCall.get(URI.create("ftp://member.invalid/jwks"))).await().atMost(Duration.ofSeconds(5)));

        assertInstanceOf(PlainHttpRefusedException.class, failure.getCause() == null ? failure : failure.getCause());
    }

    @Test
    void plainHttpToLoopbackIsAllowed() {
        // nothing listens on port 1: the connection is refused, which means the call was let out
        Throwable failure = assertThrows(CompletionException.class, () -> http.send(
                HttpCall.get(URI.create("http://127.0.0.1:1/nothing-listens-here")).timeout(Duration.ofSeconds(5)))
                .toCompletableFuture().join()).getCause();

        assertInstanceOf(java.net.ConnectException.class, failure);
    }
}
