package org.yimatong.conformance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.yimatong.conformance.engine.Plan;
import org.yimatong.conformance.engine.TestDefinition;
import org.yimatong.conformance.http.Redaction;
import org.yimatong.conformance.member.SimulatorTarget;
import org.yimatong.conformance.plans.Plans;
import org.yimatong.conformance.report.ReportSignature;
import org.yimatong.conformance.report.ReportWriter;
import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.jose.JoseException;
import org.yimatong.schemas.jose.ParsedJws;
import org.yimatong.schemas.jose.VerifiedJws;
import org.yimatong.simulator.Faults;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The runner from the command line: exit codes, {@code --list}, and the three report formats plus the signature,
 * against the shared member simulator.
 */
class MainTest {

    static final List<TestDefinition> MEMBER_TESTS = Plans.tests(Plan.MEMBER);
    static SimulatorTarget target;

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void simulator() {
        target = SimulatorTarget.shared();
    }

    @AfterEach
    void healthyAgain() {
        target.healthy();
    }

    @Test
    void aHealthyMemberExitsZeroWithWellFormedReports() throws Exception {
        target.healthy();
        Path reports = tmp.resolve("reports");

        int exit = run("--plan", "member", "--base-url", target.baseUrl().toString(), "--config",
                target.configFile().toString(), "--key-file", tmp.resolve("runner-key.json").toString(), "--out",
                reports.toString());

        assertEquals(Main.PASSED, exit, err.toString());
        assertTrue(out.toString().contains(MEMBER_TESTS.size() + " passed, 0 failed, 0 skipped"), out.toString());
        assertJunitXml(reports.resolve(ReportWriter.JUNIT), 0);
        JsonNode report = StrictJson.read(Files.readAllBytes(reports.resolve(ReportWriter.JSON)));
        assertJsonReport(report, "PASSED");
        assertRedacted(Files.readString(reports.resolve(ReportWriter.JSON)));
        assertHtml(Files.readString(reports.resolve(ReportWriter.HTML)));
        assertSignature(reports);
        assertTrue(Files.exists(tmp.resolve("runner-key.json")), "--key-file is created when absent");
    }

    @Test
    void aFaultyMemberExitsOneAndTheReportsSayWhichTestsFailed() throws Exception {
        target.setFaults(Faults.NONE.withWrongColour(true));
        Path reports = tmp.resolve("faulty");

        int exit = run("--plan", "member", "--base-url", target.baseUrl().toString(), "--config",
                target.configFile().toString(), "--out", reports.toString());

        assertEquals(Main.FAILED, exit, err.toString());
        // the colour tests: VER-001..003, LOOP-003, GRN-001, -002 and REL-001 (a relative's code)
        assertJunitXml(reports.resolve(ReportWriter.JUNIT), 7);
        JsonNode report = StrictJson.read(Files.readAllBytes(reports.resolve(ReportWriter.JSON)));
        assertEquals("FAILED", report.path("summary").path("result").asText());
        assertEquals(7, report.path("summary").path("failed").asInt());
        assertSignature(reports);
    }

    @Test
    void anUnreachableTargetExitsTwo() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        int exit = run("--plan", "member", "--base-url", "http://127.0.0.1:" + closedPort, "--config",
                target.configFile().toString(), "--out", tmp.resolve("never").toString());
        assertEquals(Main.CANNOT_RUN, exit);
        assertTrue(err.toString().contains("unreachable"), err.toString());
        assertFalse(Files.exists(tmp.resolve("never").resolve(ReportWriter.JSON)));
    }

    @Test
    void aPlainHttpTargetThatDoesNotDeclareDevelopmentExitsTwo() throws IOException {
        com.sun.net.httpserver.HttpServer production = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        production.createContext("/.well-known/yimatong", exchange -> {
            byte[] body = """
                    {"entityId":"%s","kind":"PLATFORM","endpoints":{},"jwks_uri":"https://m.example/jwks",\
                    "algorithms":["SM2"]}""".formatted(SimulatorTarget.MEMBER).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        production.start();
        try {
            int exit = run("--plan", "member", "--base-url", "http://127.0.0.1:" + production.getAddress().getPort(),
                    "--config", target.configFile().toString(), "--out", tmp.resolve("never").toString());

            assertEquals(Main.CANNOT_RUN, exit);
            assertTrue(err.toString().contains("does not declare itself a development deployment"), err.toString());
            assertFalse(Files.exists(tmp.resolve("never").resolve(ReportWriter.JSON)));
        } finally {
            production.stop(0);
        }
    }

    @Test
    void aBadPlanExitsTwo() {
        assertEquals(Main.CANNOT_RUN, run("--plan", "province", "--base-url", target.baseUrl().toString(), "--out",
                tmp.toString()));
        assertTrue(err.toString().contains("--plan must be member or hub"), err.toString());
    }

    @Test
    void anUnreadableConfigExitsTwo() {
        assertEquals(Main.CANNOT_RUN, run("--plan", "member", "--base-url", target.baseUrl().toString(), "--config",
                tmp.resolve("missing.json").toString(), "--out", tmp.toString()));
        assertTrue(err.toString().contains("cannot read config"), err.toString());
    }

    @Test
    void aConfigWithAnUnknownKeyExitsTwo() throws IOException {
        Path config = Files.writeString(tmp.resolve("typo.json"), "{\"target\":{\"entityID\":\"ymt:member:310000\"}}");
        assertEquals(Main.CANNOT_RUN, run("--plan", "member", "--base-url", target.baseUrl().toString(), "--config",
                config.toString(), "--out", tmp.toString()));
        assertTrue(err.toString().contains("target.entityID: unknown key"), err.toString());
    }

    @Test
    void theMemberPlanWithoutAFixtureApiExitsTwo() {
        // without fixtures nearly every test would have nothing to test: that must not read as a pass
        assertEquals(Main.CANNOT_RUN, run("--plan", "member", "--base-url", target.baseUrl().toString(), "--out",
                tmp.resolve("no-fixtures").toString()));
        assertTrue(err.toString().contains("needs the target's test fixture API"), err.toString());
    }

    @Test
    void anOutputFolderThatIsAFileExitsTwo() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        assertEquals(Main.CANNOT_RUN, run("--plan", "member", "--base-url", target.baseUrl().toString(), "--config",
                target.configFile().toString(), "--out", file.toString()));
        assertTrue(err.toString().contains("not writable"), err.toString());
    }

    @Test
    void listPrintsEveryTestAndExitsZero() {
        assertEquals(Main.PASSED, run("--list"));
        List<String> lines = out.toString().lines().toList();
        for (TestDefinition t : MEMBER_TESTS) {
            assertTrue(lines.contains(t.id() + "\tmember\t" + String.join(",", t.requirements()) + "\t"
                    + (t.negative() ? "[negative] " : "") + t.title()), t.id() + " listed");
        }
    }

    @Test
    void helpExitsZero() {
        assertEquals(Main.PASSED, run("--help"));
        assertTrue(out.toString().contains("Exit codes: 0 all passed, 1 a test failed, 2 the suite could not run"));
    }

    @Test
    void badCommandLinesExitTwoAndSayWhatIsWrongBeforeTheUsage() {
        assertUsageError("unknown argument --frobnicate", "--frobnicate");
        assertUsageError("unknown argument member", "member");
        assertUsageError("--out needs a value", "--plan", "member", "--out");
        assertUsageError("missing --base-url, --out", "--plan", "member");
        assertUsageError("--base-url: not an http(s) URL", "--plan", "hub", "--base-url", "ftp://hub.example",
                "--out", tmp.toString());
    }

    private void assertUsageError(String message, String... args) {
        out.reset();
        err.reset();

        assertEquals(Main.CANNOT_RUN, run(args));

        assertTrue(err.toString().startsWith("ymt-conformance: " + message + System.lineSeparator() + "Usage: "),
                err.toString());
        assertEquals("", out.toString());
    }

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static void assertJunitXml(Path file, int failures) throws Exception {
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        Element suite = (Element) xml.getElementsByTagName("testsuite").item(0);
        assertEquals(String.valueOf(MEMBER_TESTS.size()), suite.getAttribute("tests"));
        assertEquals(String.valueOf(failures), suite.getAttribute("failures"));
        NodeList cases = xml.getElementsByTagName("testcase");
        assertEquals(MEMBER_TESTS.size(), cases.getLength());
        assertEquals(failures, xml.getElementsByTagName("failure").getLength());
        for (int i = 0; i < xml.getElementsByTagName("failure").getLength(); i++) {
            assertFalse(((Element) xml.getElementsByTagName("failure").item(i)).getAttribute("message").isBlank());
        }
        Map<String, String> requirementsById = new TreeMap<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element testcase = (Element) cases.item(i);
            NodeList properties = testcase.getElementsByTagName("property");
            String id = null;
            String requirements = null;
            for (int p = 0; p < properties.getLength(); p++) {
                Element property = (Element) properties.item(p);
                if (property.getAttribute("name").equals("id")) {
                    id = property.getAttribute("value");
                } else if (property.getAttribute("name").equals("requirements")) {
                    requirements = property.getAttribute("value");
                }
            }
            requirementsById.put(id, requirements);
        }
        assertEquals(MEMBER_TESTS.stream().collect(Collectors.toMap(TestDefinition::id,
                t -> String.join(",", t.requirements()), (a, b) -> a, TreeMap::new)), requirementsById);
    }

    private static void assertJsonReport(JsonNode report, String result) {
        assertEquals("ymt-conformance-report/1", report.path("format").asText());
        assertEquals("1.0.0", report.path("contractVersion").asText());
        assertFalse(report.path("suite").path("version").asText().isBlank());
        assertEquals("member", report.path("plan").asText());
        assertEquals(SimulatorTarget.MEMBER, report.path("target").path("entityId").asText());
        // the simulator declares itself development: the report says so, and certifies nothing
        assertEquals("development", report.path("target").path("deployment").asText());
        assertEquals(result, report.path("summary").path("result").asText());
        List<String> ids = new ArrayList<>();
        for (JsonNode test : report.path("tests")) {
            ids.add(test.path("id").asText());
            assertEquals("PASSED", test.path("outcome").asText(), test.path("id").asText());
            assertTrue(test.path("requirements").size() > 0);
            assertTrue(test.path("exchanges").size() > 0, test.path("id") + " recorded its exchanges");
        }
        assertEquals(MEMBER_TESTS.stream().map(TestDefinition::id).toList(), ids);
    }

    /** No credential, code, token or ID number reached the report. */
    private static void assertRedacted(String json) throws IOException {
        JsonNode report = StrictJson.read(json.getBytes(StandardCharsets.UTF_8));
        int assertionHeaders = 0;
        for (JsonNode test : report.path("tests")) {
            for (JsonNode exchange : test.path("exchanges")) {
                JsonNode values = exchange.path("request").path("headers").path("Ymt-Client-Assertion");
                for (JsonNode value : values) {
                    assertEquals(Redaction.MASK, value.asText());
                    assertionHeaders++;
                }
            }
        }
        assertTrue(assertionHeaders > 40, "the hub's assertions were sent and recorded (masked)");
        assertFalse(json.contains("eyJ"), "no JWS (code, token, assertion) survives in the report");
        assertFalse(Pattern.compile("110105[0-9]{11}[0-9X]").matcher(json).find(),
                "the made-up ID numbers sent by the suite are masked");
        assertTrue(Pattern.compile("110105\\*{8}[0-9]{3}[0-9X]").matcher(json).find(),
                "ID numbers are masked as the hub's logs mask them");
        assertFalse(Redaction.containsIdNumber(json), "no valid ID number anywhere in the report");
    }

    private static void assertHtml(String html) {
        for (TestDefinition t : MEMBER_TESTS) {
            assertTrue(html.contains(">" + t.id() + "<"), t.id() + " in the HTML");
        }
        assertTrue(html.contains("exactly {&quot;active&quot;:false}"), "quotes are escaped");
        assertTrue(html.contains("exp-iat &lt;= 60 s"), "angle brackets are escaped");
        assertFalse(html.contains("exp-iat <= 60 s"));
        assertFalse(html.contains("<script"));
    }

    private static void assertSignature(Path reports) throws IOException {
        byte[] json = Files.readAllBytes(reports.resolve(ReportWriter.JSON));
        String jws = Files.readString(reports.resolve(ReportWriter.SIGNATURE));
        JwkSet runner = JwkSet.parse(Files.readString(reports.resolve(ReportWriter.RUNNER_JWKS)));

        VerifiedJws verified = ReportSignature.verify(jws, json, runner);

        assertEquals(ReportSignature.TYP, verified.header().typ());
        assertEquals(runner.keys().get(0).kid(), verified.header().kid());
        assertEquals("", jws.split("\\.", -1)[1], "detached: the payload part is empty");
        assertEquals(ParsedJws.parseDetached(jws, json).header().kid(), runner.keys().get(0).kid());
        byte[] changed = json.clone();
        changed[changed.length / 2] ^= 0x01;
        assertThrows(JoseException.class, () -> ReportSignature.verify(jws, changed, runner));
    }
}
