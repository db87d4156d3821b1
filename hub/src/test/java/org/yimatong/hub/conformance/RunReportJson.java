package org.yimatong.hub.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.yimatong.conformance.engine.RunResult;
import org.yimatong.conformance.engine.TestResult;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The runner's {@code report.json} (format ymt-conformance-report/1) without its exchanges, written from a real
 * {@link RunResult}. Stands in for the suite's {@code report.JsonReport} until that is merged; the hub reads only
 * these fields either way.
 */
final class RunReportJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunReportJson() {
    }

    static byte[] of(RunResult run, String suiteVersion) {
        ObjectNode report = JSON.createObjectNode();
        report.put("format", "ymt-conformance-report/1");
        report.putObject("suite").put("name", "ymt-conformance").put("version", suiteVersion);
        report.put("contractVersion", "1.0.0");
        report.put("plan", run.plan().cliName());
        report.putObject("target").put("baseUrl", run.target().toString()).put("entityId", run.targetEntityId());
        report.put("startedAt", run.startedAt().toString());
        report.put("finishedAt", run.finishedAt().toString());
        report.putObject("summary").put("total", run.results().size()).put("result", run.passed() ? "PASSED" : "FAILED");
        ArrayNode tests = report.putArray("tests");
        for (TestResult result : run.results()) {
            ObjectNode test = tests.addObject().put("id", result.test().id()).put("outcome", result.outcome().name());
            result.test().requirements().forEach(test.putArray("requirements")::add);
            test.put("message", result.message());
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
