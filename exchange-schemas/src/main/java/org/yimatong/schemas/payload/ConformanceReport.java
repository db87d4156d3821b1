package org.yimatong.schemas.payload;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import org.yimatong.schemas.payload.validation.FieldChecks;
import org.yimatong.schemas.payload.validation.Patterns;
import org.yimatong.schemas.payload.validation.Validatable;
import org.yimatong.schemas.problem.FieldError;

/**
 * The part of the conformance runner's JSON report ({@code report.json}) that a hub reads to record a trust
 * mark; schema {@code conformance-report.json}. The report carries more (requirement ids, redacted HTTP
 * exchanges, timings); those are ignored here, but they are covered by the runner's signature all the same,
 * because the hub verifies the signature over the exact bytes, never over this record.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConformanceReport(String suiteVersion, String contractVersion, ConformancePlan plan, Target target,
        Instant finishedAt, Outcome outcome, List<TestResult> tests) implements Validatable {

    /** A whole run's outcome, and one test's. */
    public enum Outcome {
        PASSED, FAILED, SKIPPED, ERROR
    }

    /** What was tested: its base URL and the entity id it claims. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Target(URI baseUrl, String entityId) {
    }

    /** One test of the plan, by its stable id {@code YMT-<AREA>-<NNN>}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TestResult(String id, Outcome outcome) {
    }

    /**
     * True when the run certifies its target: the report says PASSED, it ran at least one test, and every test
     * PASSED or was SKIPPED (a skip is tolerated only because the suite itself judged the run PASSED).
     */
    public boolean passed() {
        return outcome == Outcome.PASSED && !tests.isEmpty()
                && tests.stream().allMatch(t -> t.outcome() == Outcome.PASSED || t.outcome() == Outcome.SKIPPED)
                && tests.stream().anyMatch(t -> t.outcome() == Outcome.PASSED);
    }

    /** The ids of the tests that neither passed nor were skipped. */
    public List<String> failedTests() {
        return tests.stream().filter(t -> t.outcome() != Outcome.PASSED && t.outcome() != Outcome.SKIPPED)
                .map(TestResult::id).toList();
    }

    @Override
    public List<FieldError> validate() {
        FieldChecks c = FieldChecks.start()
                .required("/suiteVersion", suiteVersion)
                .length("/suiteVersion", suiteVersion, 1, 32)
                .required("/contractVersion", contractVersion)
                .length("/contractVersion", contractVersion, 1, 32)
                .required("/plan", plan)
                .required("/finishedAt", finishedAt)
                .required("/outcome", outcome);
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
