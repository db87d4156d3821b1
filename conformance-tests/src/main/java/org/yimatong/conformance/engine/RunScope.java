package org.yimatong.conformance.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Values one run computes once and its tests share (the target's entity configuration, its key set, the fixture
 * residents). A value that fails to compute is not kept, so the next test tries again and fails on its own.
 */
public final class RunScope {

    private final Map<String, Object> values = new ConcurrentHashMap<>();

    /** The value under {@code key}, computed by {@code supplier} the first time. */
    @SuppressWarnings("unchecked")
    public <T> T shared(String key, Supplier<T> supplier) {
        Object existing = values.get(key);
        if (existing != null) {
            return (T) existing;
        }
        T value = supplier.get();
        values.put(key, value);
        return value;
    }

    /** Forgets a shared value (e.g. after a test changed the target's state). */
    public void forget(String key) {
        values.remove(key);
    }
}
