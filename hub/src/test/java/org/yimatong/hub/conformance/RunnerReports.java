package org.yimatong.hub.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.jose.JwsSigner;
import org.yimatong.schemas.payload.ConformanceReport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Plays the conformance runner in hub tests: writes reports the way a runner does (with fields the hub does not
 * read, which the signature covers all the same), signs them, and sets which runner keys the test hub trusts.
 */
public final class RunnerReports {

    /** Where {@code %test.ymt.conformance.trusted-runner-keys} points (relative to the hub module). */
    public static final Path TRUSTED_KEYS = Path.of("target/conformance/trusted-runner-keys.json");

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunnerReports() {
    }

    /** The test hub trusts exactly these runner keys (their public parts) from the next upload on. */
    public static void trust(Jwk... runnerKeys) {
        JwkSet set = new JwkSet(Arrays.stream(runnerKeys).map(Jwk::publicOnly).toList());
        try {
            Files.createDirectories(TRUSTED_KEYS.getParent());
            Files.writeString(TRUSTED_KEYS, set.toJson().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The test hub's trusted key file is gone: nothing can be trusted. */
    public static void trustNothing() {
        try {
            Files.deleteIfExists(TRUSTED_KEYS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A runner's {@code report.json} (format ymt-conformance-report/1) about {@code entityId}: suite 1.0.0, one test
     * per outcome given
     * ({@code YMT-TST-001}, ...), pretty-printed as a runner would write it.
     */
    public static byte[] report(String plan, String entityId, String outcome, Instant finishedAt,
            String... testOutcomes) {
        return report(plan, "1.0.0", entityId, outcome, finishedAt, List.of(testOutcomes));
    }

    public static byte[] report(String plan, String suiteVersion, String entityId, String outcome, Instant finishedAt,
            List<String> testOutcomes) {
        ObjectNode report = JSON.createObjectNode();
        report.put("format", ConformanceReport.FORMAT);
        report.putObject("suite").put("name", "ymt-conformance").put("version", suiteVersion);
        report.put("contractVersion", "1.0.0");
        report.put("plan", plan);
        report.putObject("target").put("baseUrl", "http://localhost:9/virtual").put("entityId", entityId);
        report.put("startedAt", finishedAt.minusSeconds(30).toString());
        report.put("finishedAt", finishedAt.toString());
        report.putObject("summary").put("total", testOutcomes.size()).put("result", outcome);
        ArrayNode tests = report.putArray("tests");
        for (int i = 0; i < testOutcomes.size(); i++) {
            ObjectNode test = tests.addObject();
            test.put("id", "YMT-TST-%03d".formatted(i + 1));
            test.putArray("requirements").add("REQ-VER-1");
            test.put("outcome", testOutcomes.get(i));
            test.putArray("exchanges").addObject().put("request", "POST /v1/verifications").put("status", 200);
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The runner's detached signature over the exact bytes. */
    public static String sign(Jwk runnerKey, byte[] report) {
        return JwsSigner.signDetached(runnerKey, ConformanceReport.SIGNATURE_TYP, report);
    }
}
