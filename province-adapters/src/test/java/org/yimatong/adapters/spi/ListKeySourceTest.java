package org.yimatong.adapters.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ListKeySourceTest {

    static final MemberEndpoint ENDPOINT = new MemberEndpoint("ymt:member:330000", "330000", "soap-md5",
            URI.create("http://127.0.0.1:1"), new Credentials("app", ""), Duration.ofMillis(300), Map.of());

    @Test
    void withoutAListKeySourceEveryAskFailsAndSaysWhy() {
        AdapterContext context = AdapterContext.standard(Clock.systemUTC());

        ExecutionException e = assertThrows(ExecutionException.class,
                () -> context.listKeys().current().toCompletableFuture().get(1, TimeUnit.SECONDS));

        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("withListKeys"), e.getCause().getMessage());
    }

    @Test
    void withListKeysKeepsTheRestAndTheRestKeepsTheListKeys() throws Exception {
        byte[] key = new byte[32];
        key[0] = 7;
        AdapterContext context = AdapterContext.standard(Clock.systemUTC())
                .withCallerHeaders(endpoint -> Map.of("Ymt-Client-Assertion", "a"))
                .withListKeys(ListKeySource.fixed(key))
                .withNonces(() -> "n");

        assertEquals(Map.of("Ymt-Client-Assertion", "a"), context.callerHeaders().apply(ENDPOINT));
        assertEquals("n", context.nonces().get());
        assertArrayEquals(key, context.listKeys().current().toCompletableFuture().get());
    }

    @Test
    void aFixedSourceHandsOutCopies() throws Exception {
        byte[] key = new byte[32];
        ListKeySource source = ListKeySource.fixed(key);
        key[0] = 1;
        source.current().toCompletableFuture().get()[1] = 2;

        assertArrayEquals(new byte[32], source.current().toCompletableFuture().get());
        assertThrows(IllegalArgumentException.class, () -> ListKeySource.fixed(new byte[0]));
    }

    @Test
    void keyForAnAnswerIsEmptyWhenTheSourceFailsThrowsOrIsLate() throws Exception {
        AdapterContext context = AdapterContext.standard(Clock.systemUTC());

        assertEquals(Optional.empty(), ListSubjects.keyFor(context, ENDPOINT).get(1, TimeUnit.SECONDS));
        assertEquals(Optional.empty(), ListSubjects.keyFor(context.withListKeys(() -> {
            throw new IllegalStateException("boom");
        }), ENDPOINT).get(1, TimeUnit.SECONDS));
        assertEquals(Optional.empty(), ListSubjects.keyFor(context.withListKeys(CompletableFuture::new), ENDPOINT)
                .get(2, TimeUnit.SECONDS));
        byte[] key = { 1, 2, 3 };
        assertArrayEquals(key, ListSubjects.keyFor(context.withListKeys(ListKeySource.fixed(key)), ENDPOINT)
                .get(1, TimeUnit.SECONDS).orElseThrow());
    }

    @Test
    void onlyAValidResidentIdNumberIsAHolder() {
        Clock clock = Clock.systemUTC();

        assertEquals("11010519491231002X", ListSubjects.holder(" 11010519491231002x ", clock).value());
        assertSame(null, ListSubjects.holder("110105194912310021", clock));
        assertSame(null, ListSubjects.holder("110105********002X", clock));
        assertSame(null, ListSubjects.holder("", clock));
        assertSame(null, ListSubjects.holder(null, clock));
    }
}
