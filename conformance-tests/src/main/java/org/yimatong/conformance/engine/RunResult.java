package org.yimatong.conformance.engine;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** A finished run: the plan, the target, when, and each test's result in id order. */
public record RunResult(Plan plan, URI target, String targetEntityId, boolean development, Instant startedAt,
        Instant finishedAt, List<TestResult> results) {

    public RunResult {
        results = List.copyOf(results);
    }

    public long count(Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }

    /** True when no test failed (skipped tests are allowed: they name a capability the target lacks). */
    public boolean passed() {
        return count(Outcome.FAILED) == 0;
    }

    /** The ids of the tests with this outcome, sorted. */
    public Set<String> ids(Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).map(r -> r.test().id())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
