package org.yimatong.adapters.spi;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where an adapter gets the federation's list key of the current epoch (DESIGN.md §7, REQ-LIST-1, REQ-LIST-11):
 * the hub gives it through {@link AdapterContext#withListKeys}. An adapter whose native platform answers a
 * verification with the holder's document number turns that number into the subject's list pseudonym
 * ({@code listSub}, REQ-VER-5) with this key, and drops the number.
 *
 * <p>The key is a secret: an adapter uses it for one answer, never logs it and never keeps it.
 */
@FunctionalInterface
public interface ListKeySource {

    /**
     * The raw list key of the current epoch (32 bytes for keys the root hub draws). The stage fails, with a message
     * that names no key, when the key cannot be had now; the adapter then answers without {@code listSub}.
     */
    CompletionStage<byte[]> current();

    /** The default: no key at all (a hub that did not wire one); every call fails and says so. */
    static ListKeySource unavailable() {
        return () -> CompletableFuture.failedFuture(new IllegalStateException(
                "no list key source: the hub gave the adapters none (AdapterContext.withListKeys)"));
    }

    /** Always {@code key} (a copy per call): tests, tools, a hub with one epoch's key at hand. */
    static ListKeySource fixed(byte[] key) {
        if (key == null || key.length == 0) {
            throw new IllegalArgumentException("a list key must not be empty");
        }
        byte[] copy = key.clone();
        return () -> CompletableFuture.completedFuture(copy.clone());
    }
}
