package org.yimatong.conformance.engine;

/**
 * The test cannot run against this target, for a reason the run configuration explains (an optional capability it
 * lacks, e.g. no client assertions because the member authenticates the hub with mutual TLS). Thrown by
 * {@link TestContext#skip(String)}.
 */
public class TestSkipped extends RuntimeException {

    public TestSkipped(String reason) {
        super(reason, null, false, false);
    }
}
