package org.yimatong.schemas.payload;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.yimatong.schemas.payload.validation.FieldChecks;
import org.yimatong.schemas.payload.validation.Patterns;
import org.yimatong.schemas.payload.validation.Validatable;
import org.yimatong.schemas.problem.FieldError;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The part of the conformance runner's JSON report ({@code report.json}, format {@value #FORMAT}) that a hub reads
 * to record a trust mark; schema {@code conformance-report.json}. The report carries more (titles, requirement ids,
 * notes, redacted HTTP exchanges, timings); those are ignored here, but they are covered by the runner's signature
 * all the same, because the hub verifies the signature over the exact bytes, never over this record.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConformanceReport(String format, Suite suite, String contractVersion, ConformancePlan plan,
        Target target, Instant finishedAt, Summary summary, List<TestResult> tests) implements Validatable {

    /** The report format this record reads; another format is refused rather than misread. */
    public static final String FORMAT = "ymt-conformance-report/1";
    /** The {@code typ} of the runner's detached signature over the report ({@code Ymt-Report-Signature}). */
    public static final String SIGNATURE_TYP = "ymt-conformance-report+json";

    /** A whole run's result, and one test's outcome. */
    public enum Outcome {
        PASSED, FAILED, SKIPPED, ERROR
    }

    /** The suite that ran; only its version is read. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Suite(String version) {}

    /** What was tested: its base URL and the entity id it claims. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Target(URI baseUrl, String entityId, String deployment) {

        public Target(URI baseUrl, String entityId) {
            this(baseUrl, entityId, null);
        }

        /** The run tested a target that declared itself a development deployment: it certifies nothing. */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean isDevelopment() {
            return EntityConfiguration.DEVELOPMENT.equals(deployment);
        }
    }

    /** The run's own verdict (the counts beside it are not read). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Summary(Outcome result) {}

    /** One test of the plan, by its stable id {@code YMT-<AREA>-<NNN>}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TestResult(String id, Outcome outcome) {}

    public String suiteVersion() {
        return suite.version();
    }

    /**
     * True when the run certifies its target: the report's result is PASSED, it ran at least one test, and every
     * test PASSED or was SKIPPED (a skip is tolerated only because the suite itself judged the run PASSED).
     */
    public boolean passed() {
        return summary.result() == Outcome.PASSED && !tests.isEmpty()
                && tests.stream().allMatch(t -> t.outcome() == Outcome.PASSED || t.outcome() == Outcome.SKIPPED)
                && tests.stream().anyMatch(t -> t.outcome() == Outcome.PASSED);
    }

    @Override
    public List<FieldError> validate() {
        FieldChecks c = FieldChecks.start()
                .required("/format", format)
                .check(format == null || FORMAT.equals(format), "/format", "must be " + FORMAT)
                .required("/contractVersion", contractVersion)
                .length("/contractVersion", contractVersion, 1, 32)
                .required("/plan", plan)
                .required("/finishedAt", finishedAt);
        if (c.present("/suite", suite)) {
            c.required("/suite/version", suite.version()).length("/suite/version", suite.version(), 1, 32);
        }
        if (c.present("/summary", summary)) {
            c.required("/summary/result", summary.result());
        }
        if (c.present("/target", target)) {
            c.requiredMatching("/target/entityId", target.entityId(), Patterns.ENTITY_ID)
                    .required("/target/baseUrl", target.baseUrl());
        }
        if (c.present("/tests", tests)) {
            for (int i = 0; i < tests.size(); i++) {
                TestResult t = tests.get(i);
                if (c.present("/tests/" + i, t)) {
                    c.required("/tests/" + i + "/id", t.id()).length("/tests/" + i + "/id", t.id(), 1, 64)
                            .required("/tests/" + i + "/outcome", t.outcome());
                }
            }
        }
        return c.errors();
    }
}
