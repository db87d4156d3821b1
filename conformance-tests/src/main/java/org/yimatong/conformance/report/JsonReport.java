package org.yimatong.conformance.report;

import java.util.List;
import java.util.Map;

import org.yimatong.conformance.engine.Outcome;
import org.yimatong.conformance.engine.RunResult;
import org.yimatong.conformance.engine.TestResult;
import org.yimatong.conformance.http.RecordedExchange;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.payload.EntityConfiguration;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The machine-readable report (format {@value #FORMAT}), the document the runner signs. Members in a fixed order;
 * every exchange was redacted when recorded. See the README, "Reports", for each member.
 */
public final class JsonReport {

    public static final String FORMAT = "ymt-conformance-report/1";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private JsonReport() {
    }

    public static ObjectNode of(RunResult run, String suiteVersion, String contractVersion, Jwk runnerKey) {
        ObjectNode report = JSON.objectNode();
        report.put("format", FORMAT);
        ObjectNode suite = report.putObject("suite");
        suite.put("name", "ymt-conformance");
        suite.put("version", suiteVersion);
        report.put("contractVersion", contractVersion);
        report.put("plan", run.plan().cliName());
        ObjectNode target = report.putObject("target");
        target.put("baseUrl", run.target().toString());
        target.put("entityId", run.targetEntityId());
        target.put("deployment", run.development() ? EntityConfiguration.DEVELOPMENT : EntityConfiguration.PRODUCTION);
        report.put("startedAt", run.startedAt().toString());
        report.put("finishedAt", run.finishedAt().toString());
        ObjectNode summary = report.putObject("summary");
        summary.put("total", run.results().size());
        summary.put("passed", run.count(Outcome.PASSED));
        summary.put("failed", run.count(Outcome.FAILED));
        summary.put("skipped", run.count(Outcome.SKIPPED));
        summary.put("result", run.passed() ? "PASSED" : "FAILED");
        ObjectNode runner = report.putObject("runner");
        runner.put("kid", runnerKey.kid());
        runner.put("alg", runnerKey.profile().joseName());
        ArrayNode tests = report.putArray("tests");
        run.results().forEach(r -> tests.add(test(r)));
        return report;
    }

    private static ObjectNode test(TestResult r) {
        ObjectNode node = JSON.objectNode();
        node.put("id", r.test().id());
        node.put("title", r.test().title());
        ArrayNode requirements = node.putArray("requirements");
        r.test().requirements().forEach(requirements::add);
        node.put("negative", r.test().negative());
        node.put("outcome", r.outcome().name());
        node.put("message", r.message());
        node.put("startedAt", r.startedAt().toString());
        node.put("durationMs", r.duration().toMillis());
        ArrayNode notes = node.putArray("notes");
        r.notes().forEach(notes::add);
        ArrayNode exchanges = node.putArray("exchanges");
        r.exchanges().forEach(e -> exchanges.add(exchange(e)));
        return node;
    }

    private static ObjectNode exchange(RecordedExchange e) {
        ObjectNode node = JSON.objectNode();
        node.put("direction", e.direction().name());
        node.put("at", e.at().toString());
        node.put("method", e.method());
        node.put("url", e.url());
        node.put("status", e.status());
        node.put("durationMs", e.durationMs());
        if (e.error() != null) {
            node.put("error", e.error());
        }
        ObjectNode request = node.putObject("request");
        request.set("headers", headers(e.requestHeaders()));
        request.put("body", e.requestBody());
        ObjectNode response = node.putObject("response");
        response.set("headers", headers(e.responseHeaders()));
        response.put("body", e.responseBody());
        return node;
    }

    private static ObjectNode headers(Map<String, List<String>> headers) {
        ObjectNode node = JSON.objectNode();
        headers.forEach((name, values) -> {
            ArrayNode array = node.putArray(name);
            values.forEach(array::add);
        });
        return node;
    }
}
