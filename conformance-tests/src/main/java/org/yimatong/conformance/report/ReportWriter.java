package org.yimatong.conformance.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.yimatong.conformance.engine.RunResult;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Writes a run's reports into one folder: {@value #JSON} and its signature {@value #SIGNATURE} (a detached JWS over
 * the file's exact bytes), {@value #RUNNER_JWKS} (the runner's public key, to check the signature with),
 * {@value #JUNIT} and {@value #HTML}.
 */
public final class ReportWriter {

    public static final String JSON = "report.json";
    public static final String SIGNATURE = "report.json.jws";
    public static final String RUNNER_JWKS = "runner-jwks.json";
    public static final String JUNIT = "junit.xml";
    public static final String HTML = "report.html";

    private static final JsonMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ReportWriter() {
    }

    /** Writes every report file into {@code folder} (created if needed) and returns their paths. */
    public static List<Path> write(RunResult run, Path folder, Jwk runnerKey) throws IOException {
        String suite = Versions.suite();
        String contract = Versions.contract();
        Files.createDirectories(folder);
        byte[] json = PRETTY.writeValueAsBytes(JsonReport.of(run, suite, contract, runnerKey));
        Path jsonFile = Files.write(folder.resolve(JSON), json);
        Path signature = Files.writeString(folder.resolve(SIGNATURE), ReportSignature.sign(json, runnerKey),
                StandardCharsets.US_ASCII);
        Path jwks = Files.writeString(folder.resolve(RUNNER_JWKS),
                new JwkSet(List.of(runnerKey)).publicOnly().toJson().toPrettyString(), StandardCharsets.UTF_8);
        Path junit = Files.write(folder.resolve(JUNIT), JUnitXmlReport.of(run, suite, contract));
        Path html = Files.write(folder.resolve(HTML), HtmlReport.of(run, suite, contract));
        return List.of(jsonFile, signature, jwks, junit, html);
    }
}
