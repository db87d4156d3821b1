package org.yimatong.conformance.engine;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One declared test as the engine sees it: its identity, what it verifies, and how to run it.
 *
 * @param body runs the test; throws {@link ConformanceFailure} to fail, {@link TestSkipped} to skip
 */
public record TestDefinition(String id, String title, Plan plan, List<String> requirements, boolean negative,
        TestBody body) {

    public static final Pattern ID = Pattern.compile("YMT-[A-Z]{2,6}-[0-9]{3}");
    public static final Pattern REQUIREMENT = Pattern.compile("REQ-[A-Z]+-[0-9]+");

    public TestDefinition {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("test id " + id + " is not YMT-<AREA>-<NNN>");
        }
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException(id + ": a title is required");
        }
        requirements = List.copyOf(requirements);
        if (requirements.isEmpty()) {
            throw new IllegalArgumentException(id + ": a test verifies at least one REQ id");
        }
        for (String requirement : requirements) {
            if (!REQUIREMENT.matcher(requirement).matches()) {
                throw new IllegalArgumentException(id + ": " + requirement + " is not a REQ-<AREA>-<N> id");
            }
        }
    }

    /** How a test runs; a fresh instance of its class is behind each call. */
    @FunctionalInterface
    public interface TestBody {
        void run(TestContext ctx) throws Exception;
    }
}
