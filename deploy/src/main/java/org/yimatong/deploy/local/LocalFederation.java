package org.yimatong.deploy.local;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import org.yimatong.deploy.local.Calls.Answer;
import org.yimatong.deploy.local.Processes.Department;
import org.yimatong.deploy.local.Processes.Hub;
import org.yimatong.deploy.local.Processes.Simulator;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkFiles;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.idnumber.ResidentIdNumber;
import org.yimatong.simulator.Population;
import org.yimatong.simulator.SimulatorOptions;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A one-machine federation: a national hub, the regional hub {@code yrd} under it and the leaf hub {@code ah} under
 * yrd (three levels), member simulators 310000 (Shanghai) and 320000 (Jiangsu) under yrd, 620000 (Gansu) under the
 * national hub, 330000 (Zhejiang) as a legacy platform behind a SOAP gateway ({@code soap-md5}) under yrd and 340000
 * (Anhui) under ah, a department of Gansu (a client: no regions), and the department example as a department of
 * Shanghai accepting yrd's access tokens; every simulator with a seed of its own and the federation's list key from
 * its hub. Then the scenario, each step printed in plain words and checked. {@link #run}
 * answers the number of failed steps; every process is stopped before it returns.
 *
 * <p>Usage: {@code java -cp <this jar>:<hub/target/quarkus-app/lib/main/*> org.yimatong.deploy.local.LocalFederation
 * [--repo DIR] [--work DIR]}; environment: {@code START_TIMEOUT} (s, 180), {@code UNKNOWN_LIMIT_MS} (1500),
 * {@code HUB_JAVA_OPTS} (none: hub/jvm.options applies, as in the README).
 */
public final class LocalFederation {

    static final String NATIONAL_ID = "ymt:hub:national";
    static final String YRD_ID = "ymt:hub:yrd";
    static final String AH_ID = "ymt:hub:ah";
    static final String DEPARTMENT_ID = "ymt:member:620199";
    /** The gates of Shanghai's metro: checkpoints verifying codes at yrd, a client of its own (no regions). */
    static final String SHANGHAI_CHECKPOINT_ID = "ymt:member:310199";
    /** A checkpoint at Lanzhou's railway station: a client of the national hub with a key of its own (no regions). */
    static final String GANSU_CHECKPOINT_ID = "ymt:member:620198";
    static final String GANSU_CHECKPOINT_NAME = "兰州火车站 checkpoint";
    /** The Shanghai resident whose access log the scenario reads: one whom no other step shows anywhere. */
    static final int LOOKED_AT_RESIDENT = 2;
    static final String SOAP_APP_ID = "ymt-hub-yrd";
    /** PERF-7: changes uploaded at the leaf hub, and the time between two uploads. */
    static final int PROPAGATION_CHANGES = 100;
    static final Duration PROPAGATION_SPACING = Duration.ofMillis(100);
    /** A Jiangsu resident the scenario lists RED. */
    static final int LISTED_RESIDENT = 7;
    /** Gansu's health code is valid for a day (甘肃健康码, REQ-CODE-3): its member record at the national hub says so. */
    static final Duration GANSU_CODE_LIFETIME = Duration.ofHours(24);
    /** The day-long code step: a Gansu code shown this long after it was issued, still valid. */
    static final Duration DAY_LONG_CODE_AGE = Duration.ofHours(5);
    /** The station step: the rule the Lanzhou station asks for, and how old Shanghai's platform makes the test. */
    static final int STATION_RULE_HOURS = 48;
    static final int AGED_TEST_HOURS = 72;
    static final int FRESH_TEST_HOURS = 20;
    /** The venue story: how long a scan may take to reach Gansu, and Gansu's batch to reach yrd. */
    static final Duration VENUE_PATIENCE = Duration.ofSeconds(30);

    private final PrintStream out;
    private final Calls calls;
    private final Processes processes;
    private final Path work;
    private final long unknownLimitMs;
    private final String adminToken = "local-admin-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    private final List<String> failures = new ArrayList<>();
    private int step;

    private Hub national;
    private Hub yrd;
    private Hub ah;
    private Path departmentKey;
    private Path shanghaiCheckpointKey;
    private Path gansuCheckpointKey;
    private Simulator anhui;
    private Simulator shanghai;
    private Simulator jiangsu;
    private Simulator gansu;
    private Simulator zhejiang;
    private Department department;
    private String listedSub = "";

    LocalFederation(Path repo, Path work, PrintStream out, Duration startTimeout, long unknownLimitMs,
            String hubJavaOptions) {
        this.out = out;
        this.work = work;
        this.calls = new Calls(work);
        this.processes = new Processes(repo, work, startTimeout, hubJavaOptions);
        this.unknownLimitMs = unknownLimitMs;
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(".");
        Path work = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--repo" -> repo = Path.of(args[i + 1]);
                case "--work" -> work = Path.of(args[i + 1]);
                default -> {
                    System.err.println("usage: LocalFederation [--repo DIR] [--work DIR]");
                    System.exit(2);
                }
            }
        }
        repo = repo.toAbsolutePath().normalize();
        work = work == null ? repo.resolve("deploy/local/work") : work.toAbsolutePath();
        LocalFederation federation = new LocalFederation(repo, work, System.out,
                Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("START_TIMEOUT", "180"))),
                Long.parseLong(System.getenv().getOrDefault("UNKNOWN_LIMIT_MS", "1500")),
                System.getenv().getOrDefault("HUB_JAVA_OPTS", ""));
        Runtime.getRuntime().addShutdownHook(new Thread(federation.processes::close));
        System.exit(federation.run(work) == 0 ? 0 : 1);
    }

    /** Starts everything, runs the scenario, stops everything; answers the number of failed steps. */
    public int run(Path work) throws IOException, InterruptedException {
        clean(work);
        try {
            for (Path jar : List.of(processes.hubJar(), processes.simulatorJar(), processes.departmentJar())) {
                if (!Files.isRegularFile(jar)) {
                    throw new IOException("build first: no " + jar);
                }
            }
            start();
            register();
            routedVerification();
            soapGatewayVerification();
            homeDown();
            singleSignOn();
            listedAtHomeIsRedAtAGansuCheckpoint();
            greenLookupByIdCardAtTheNationalHub();
            listChangesReachEveryHub();
            gansuAsGansu();
            aVenueScanInGansuTurnsAShanghaiResidentYellow();
            aDayLongGansuCodeIsAnsweredOnlyLive();
            aPersonSeesTheGansuCheckpointThatVerifiedTheirCode();
            aShanghaiResidentAtALanzhouStation();
            theNationalHubAnswersWithoutYrd();
        } finally {
            say("--- stopping " + processes.count() + " processes");
            processes.close();
            say("logs and every answer: " + work);
        }
        say("");
        say(failures.isEmpty() ? "RESULT: all " + step + " steps gave the expected answer"
                : "RESULT: " + failures.size() + " of " + step + " steps FAILED: " + failures);
        return failures.size();
    }

    List<String> failures() {
        return failures;
    }

    // ---------------------------------------------------------------- the federation

    private void start() throws IOException, InterruptedException {
        say("--- starting the national hub and the regional hub yrd under it, each with its own embedded PostgreSQL");
        national = processes.startHub("national", NATIONAL_ID, Optional.empty(), adminToken, List.of());
        // yrd issues tokens for the Shanghai platform's departments (client ymt:member:310000), substantial or higher,
        // signed ES256: the department verifies them with SmallRye JWT, which has no SM2
        // and it knows the national hub at two addresses, the first a data centre that is down (REQ-HA-3): every call
        // yrd makes to its parent below fails over to the second, then the first one's breaker keeps it skipped
        URI nationalDown = URI.create("http://127.0.0.1:" + Processes.freePort());
        yrd = processes.startHub("yrd", YRD_ID, Optional.of(national), adminToken,
                List.of("-Dymt.tokens.audiences.\"ymt:member:310000\".minimum-level=substantial",
                        "-Dymt.tokens.audiences.\"ymt:member:310000\".signing-algorithm=ES256",
                        "-Dymt.hub.parent-url=" + nationalDown + "," + national.url()));
        say("    yrd knows the national hub at " + nationalDown + " (down) and " + national.url());
        ah = processes.startHub("ah", AH_ID, Optional.of(yrd), adminToken, List.of());
        say("--- starting simulators 310000 (Shanghai), 320000 (Jiangsu), 330000 (Zhejiang, SOAP gateway) under yrd,"
                + " 340000 (Anhui) under ah and 620000 (Gansu) under the national hub, each with a seed of its own");
        shanghai = processes.startSimulator("310000", yrd);
        jiangsu = processes.startSimulator("320000", yrd);
        zhejiang = processes.startSimulator("330000", yrd, "--soap-app-id", SOAP_APP_ID);
        anhui = processes.startSimulator("340000", ah);
        // Gansu as Gansu: its codes are valid a day, and venues post its venue codes (场所码) at their doors
        gansu = processes.startSimulator("620000", national, "--profile", SimulatorOptions.GANSU);
        for (Simulator sim : List.of(shanghai, jiangsu, zhejiang, anhui, gansu)) {
            say("    " + sim.region() + " at " + sim.url() + " (admin " + sim.admin() + ")");
        }
        say("--- starting the department example as Shanghai's department (client " + shanghai.entityId()
                + "), accepting yrd's access tokens");
        department = processes.startDepartment(shanghai.entityId(), yrd);
        say("    department at " + department.url());
        departmentKey = clientKey("department-620199.jwk.json");
        for (Hub hub : List.of(national, yrd, ah)) {
            processes.awaitHealthy(hub);
        }
        say("    national at " + national.url() + ", yrd at " + yrd.url() + " and ah at " + ah.url() + " are UP");
    }

    private void register() throws IOException, InterruptedException {
        say("--- registering members");
        put(national, YRD_ID, """
                {"entityId":"%s","displayName":"长三角 (Yangtze River Delta) regional hub","kind":"HUB",
                 "regionPrefixes":["31","32","33","34"],"parent":"%s","baseUrl":"%s","dialect":"v1",
                 "jwksUri":"%s/v1/jwks","status":"ACTIVE"}""".formatted(YRD_ID, NATIONAL_ID, yrd.url(), yrd.url()));
        // Gansu's codes live a day: without this policy the national hub refuses them (code-lifetime-too-long)
        put(national, gansu.entityId(), withCodePolicy(platform(gansu, "甘肃 (Gansu) health code", NATIONAL_ID, "v1"),
                GANSU_CODE_LIFETIME));
        put(yrd, shanghai.entityId(), platform(shanghai, "上海随申码 (Shanghai)", YRD_ID, "v1"));
        put(yrd, jiangsu.entityId(), platform(jiangsu, "苏康码 (Jiangsu)", YRD_ID, "v1"));
        put(yrd, zhejiang.entityId(), platform(zhejiang, "浙江 (Zhejiang) SOAP gateway", YRD_ID, "soap-md5"));
        require(calls.putJson(yrd.url().resolve("/v1/admin/members/" + zhejiang.entityId() + "/adapter"),
                "{\"credentialId\":\"" + SOAP_APP_ID + "\"}", admin()), "adapter settings of 330000 at yrd");
        put(yrd, AH_ID, """
                {"entityId":"%s","displayName":"安徽 (Anhui) provincial hub","kind":"HUB","regionPrefixes":["34"],
                 "parent":"%s","baseUrl":"%s","dialect":"v1","jwksUri":"%s/v1/jwks","status":"ACTIVE"}"""
                .formatted(AH_ID, YRD_ID, ah.url(), ah.url()));
        put(ah, anhui.entityId(), platform(anhui, "安徽 (Anhui) health code", AH_ID, "v1"));
        put(national, DEPARTMENT_ID, client(DEPARTMENT_ID, "甘肃 (Gansu) transport department", NATIONAL_ID,
                "http://127.0.0.1:9/department", departmentKey));
        // a Shanghai checkpoint is not the Shanghai platform: 310000 refuses a verification with itself on the path
        shanghaiCheckpointKey = clientKey("checkpoint-310199.jwk.json");
        put(yrd, SHANGHAI_CHECKPOINT_ID, client(SHANGHAI_CHECKPOINT_ID, "上海地铁 (Shanghai metro) gates", YRD_ID,
                "http://127.0.0.1:9/checkpoint", shanghaiCheckpointKey));
        // a Gansu checkpoint: a client of the national hub like the metro gates at yrd, with a key of its own
        gansuCheckpointKey = clientKey("checkpoint-620198.jwk.json");
        put(national, GANSU_CHECKPOINT_ID, client(GANSU_CHECKPOINT_ID, GANSU_CHECKPOINT_NAME, NATIONAL_ID,
                "http://127.0.0.1:9/checkpoint", gansuCheckpointKey));
        say("    national: yrd (HUB, 31-34), 620000 (62, codes valid 24 h), department 620199 and the 兰州火车站"
                + " checkpoint 620198 (clients: no regions);"
                + " yrd: 310000 (31), 320000 (32), 330000 (33, soap-md5), ah (HUB, 34),"
                + " Shanghai metro gates 310199 (a client); ah: 340000 (34)");
    }

    /** A client's SM2 key in the work folder {@code file}, made on first use. */
    private Path clientKey(String file) throws IOException {
        Path key = work.resolve(file);
        JwkFiles.loadOrCreate(key, SignatureProfile.SM2);
        return key;
    }

    /**
     * The member record of a client (a department or checkpoint): no regions, a {@code baseUrl} nothing answers at,
     * and the public part of the key in {@code keyFile}.
     */
    private static String client(String entityId, String name, String parent, String baseUrl, Path keyFile)
            throws IOException {
        return """
                {"entityId":"%s","displayName":"%s","kind":"PLATFORM",
                 "regionPrefixes":[],"parent":"%s","baseUrl":"%s","dialect":"v1",
                 "jwks":{"keys":[%s]},"status":"ACTIVE"}"""
                .formatted(entityId, name, parent, baseUrl, Jwk.parse(Files.readString(keyFile)).publicOnly()
                        .toJson());
    }

    private static String platform(Simulator sim, String name, String parent, String dialect) {
        return """
                {"entityId":"%s","displayName":"%s","kind":"PLATFORM","regionPrefixes":["%s"],"parent":"%s",
                 "baseUrl":"%s","dialect":"%s","jwksUri":"%s/member/v1/jwks","status":"ACTIVE"}"""
                .formatted(sim.entityId(), name, sim.region().substring(0, 2), parent, sim.url(), dialect, sim.url());
    }

    /** A member record with {@code codePolicy}: the issuer's codes live up to {@code lifetime} (at most 24 h). */
    private static String withCodePolicy(String record, Duration lifetime) {
        return record.substring(0, record.lastIndexOf('}')) + ",\"codePolicy\":{\"maxLifetimeSeconds\":"
                + lifetime.toSeconds() + "}}";
    }

    private void put(Hub hub, String id, String record) throws IOException, InterruptedException {
        require(calls.putJson(hub.url().resolve("/v1/admin/members/" + id), record, admin()),
                "registering " + id + " at " + hub.entityId());
    }

    // ---------------------------------------------------------------- the scenario

    private void routedVerification() throws IOException, InterruptedException {
        begin("a Shanghai resident's code is shown at a Gansu checkpoint; Gansu asks the national hub,",
                "which routes national -> yrd -> 310000 and back");
        expectLiveAnswer(shanghai, 1, "Shanghai", "seen at the checkpoint");
    }

    private void soapGatewayVerification() throws IOException, InterruptedException {
        begin("a Zhejiang resident's code at the same Gansu checkpoint: Zhejiang's platform speaks only SOAP",
                "(Invoke with an MD5 daily password), so yrd calls it through its soap-md5 adapter");
        expectLiveAnswer(zhejiang, 3, "Zhejiang", "answered live by the SOAP gateway");
    }

    /** A resident's fresh code verified at the Gansu checkpoint must bring the home's own colour back. */
    private void expectLiveAnswer(Simulator home, int resident, String province, String how)
            throws IOException, InterruptedException {
        JsonNode code = calls.get(home.admin().resolve("/sim/residents/" + resident + "/code")).json();
        String colour = code.path("colour").asText();
        say("    resident " + resident + " of " + province + " is " + colour + " at home");
        Answer answer = verifyWarm(code.path("code").asText());
        check(answer.status() == 200 && answer.field("status").equals(colour) && answer.field("source").equals("LIVE")
                && answer.field("home").equals(home.entityId()),
                colour + " " + how + " (source LIVE, home " + answer.field("home") + ")",
                "expected HTTP 200, status " + colour + ", source LIVE, home " + home.entityId());
    }

    private void homeDown() throws IOException, InterruptedException {
        begin("the Shanghai platform goes down; the same kind of check must answer UNKNOWN quickly, never RED");
        String code = calls.get(shanghai.admin().resolve("/sim/residents/3/code")).json().path("code").asText();
        faults(shanghai, "{\"down\":true}");
        check(!calls.answers(shanghai.url().resolve("/member/v1/jwks")), "Shanghai's member API refuses connections",
                "the Shanghai member API still answers after {\"down\":true}");
        Answer answer = verify(code);
        check(answer.status() == 200 && answer.field("status").equals("UNKNOWN") && answer.millis() <= unknownLimitMs,
                "UNKNOWN (reason " + answer.field("reason") + ") in " + answer.millis() + " ms (limit " + unknownLimitMs
                        + " ms)",
                "expected HTTP 200, status UNKNOWN within " + unknownLimitMs + " ms");
        faults(shanghai, "{\"down\":false}");
    }

    private void singleSignOn() throws IOException, InterruptedException {
        begin("a Jiangsu resident signs in at home (320000) and uses a Shanghai department by single sign-on:",
                "the department's app (client ymt:member:310000) exchanges the Jiangsu ID token at yrd for a hub token",
                "and calls the department's residence-certificate service (substantial) with it");
        Answer token = exchange("substantial");
        String accessToken = token.field("access_token");
        JsonNode claims = token.status() == 200 ? part(accessToken, 1) : Calls.JSON.createObjectNode();
        say("    hub token " + (token.status() == 200 ? part(accessToken, 0) : "(none)") + " " + claims);
        check(token.status() == 200 && part(accessToken, 0).path("alg").asText().equals("ES256")
                && claims.path("home").asText().equals(jiangsu.entityId()),
                "yrd issued an ES256 hub token for " + shanghai.entityId() + ", home " + claims.path("home").asText(),
                "expected HTTP 200 and an ES256 token with home 320000");
        Answer served = calls.get(department.url().resolve("/services/residence-certificate"),
                Map.of("Authorization", "Bearer " + accessToken));
        say("    the department answered HTTP " + served.status() + ": " + served.text());
        check(served.status() == 200 && served.field("sub").equals(claims.path("sub").asText())
                && !served.field("sub").isEmpty() && served.field("acr").equals("urn:ymt:loa:substantial"),
                "the department verified the token with yrd's key set and served the person by its pairwise sub,"
                        + " level " + served.field("acr"),
                "expected HTTP 200 from the department with the token's sub and acr substantial");
        say("    the same token at the department's social-security transfer, which requires level high");
        Answer stepUp = calls.get(department.url().resolve("/services/social-security-transfer"),
                Map.of("Authorization", "Bearer " + accessToken));
        String challenge = stepUp.header("WWW-Authenticate");
        say("    the department answered HTTP " + stepUp.status() + ", WWW-Authenticate: " + challenge);
        check(stepUp.status() == 401 && challenge.contains("error=\"insufficient_user_authentication\"")
                && challenge.contains("acr_values=\"urn:ymt:loa:high\""),
                "step-up challenge (RFC 9470): sign in again at urn:ymt:loa:high",
                "expected 401 with an insufficient_user_authentication challenge naming urn:ymt:loa:high");
        say("    the same resident signed in only at level basic must be refused (the department needs substantial)");
        Answer basic = exchange("basic");
        say("    yrd answered HTTP " + basic.status() + ": " + basic.text());
        check(basic.status() / 100 == 4 && !basic.text().contains("access_token"), "refused, no token",
                "expected a 4xx refusal without a token");
    }

    /** Part {@code index} of a compact JWS (0 header, 1 claims) as JSON, read without verifying: for printing. */
    private static JsonNode part(String jws, int index) throws IOException {
        return Calls.JSON.readTree(Base64.getUrlDecoder().decode(jws.split("\\.")[index]));
    }

    private Answer exchange(String level) throws IOException, InterruptedException {
        Answer login = calls.postJson(jiangsu.admin().resolve("/sim/login"),
                "{\"resident\":1,\"level\":\"" + level + "\",\"audience\":\"" + YRD_ID + "\"}", Map.of());
        return calls.postForm(yrd.url().resolve("/v1/token"), Map.of(
                "grant_type", "urn:ietf:params:oauth:grant-type:token-exchange",
                "subject_token", login.field("id_token"),
                "subject_token_type", "urn:ietf:params:oauth:token-type:id_token",
                "audience", shanghai.entityId(),
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion", Calls.assertion(shanghai.keyFile(), shanghai.entityId(), YRD_ID)));
    }

    private void listedAtHomeIsRedAtAGansuCheckpoint() throws IOException, InterruptedException {
        begin("Jiangsu lists one of its residents RED and sends its daily list to yrd; that resident's code is then",
                "shown at a Gansu checkpoint while Jiangsu's platform answers live with a wrong (GREEN) colour:",
                "the hubs find the list entry by the pseudonym Jiangsu gives in its live answer, so the answer is RED");
        calls.postJson(jiangsu.admin().resolve("/sim/residents/" + LISTED_RESIDENT + "/colour"), "{\"colour\":\"RED\"}",
                Map.of());
        Answer published = calls.postJson(jiangsu.admin().resolve("/sim/lists/publish"), "{\"to\":\"hub\"}", Map.of());
        say("    Jiangsu's list taken by yrd: HTTP " + published.json().path("hub").path("status").asText());
        String code = calls.get(jiangsu.admin().resolve("/sim/residents/" + LISTED_RESIDENT + "/code")).json()
                .path("code").asText();
        faults(jiangsu, "{\"wrongColour\":true}");
        Answer answer = verifyWarm(code);
        check(answer.status() == 200 && answer.field("status").equals("RED") && answer.field("source").equals("LIST")
                && answer.field("reason").equals("LISTED") && answer.field("home").equals(jiangsu.entityId())
                && answer.json().path("listSub").isMissingNode(),
                "RED from the list (source LIST, reason LISTED), though Jiangsu answered GREEN; no pseudonym in the answer",
                "expected HTTP 200, status RED, source LIST, reason LISTED, home 320000 and no listSub");
        faults(jiangsu, "{\"wrongColour\":false}");
    }

    private void greenLookupByIdCardAtTheNationalHub() throws IOException, InterruptedException {
        begin("the same Jiangsu resident shows an ID card at the Gansu checkpoint: Gansu's platform pseudonymises",
                "it with the list key it has from the national hub and looks it up there; Jiangsu has its key from yrd");
        byte[] gansuKey = listKey(national, gansu.entityId(), gansu.keyFile());
        byte[] jiangsuKey = listKey(yrd, jiangsu.entityId(), jiangsu.keyFile());
        check(gansuKey.length == 32 && Arrays.equals(gansuKey, jiangsuKey),
                "Gansu (from national) and Jiangsu (from yrd) hold the same list key for this month",
                "the list keys handed out by national and yrd differ");
        Answer refused = calls.get(national.url().resolve("/v1/lists/key"), Map.of("Ymt-Client-Assertion",
                Calls.assertion(departmentKey, DEPARTMENT_ID, NATIONAL_ID)));
        check(refused.status() == 403 && refused.field("type").endsWith("/forbidden"),
                "the Gansu department (a client) is refused the list key: HTTP 403 " + refused.field("type"),
                "expected 403 problem+json for a client asking for the list key, got HTTP " + refused.status());
        // the resident knows the number on their own card: the scenario plays the resident, from Jiangsu's seed
        ResidentIdNumber idCard = Population.generate(jiangsu.entityId(), jiangsu.region(), Processes.RESIDENTS,
                jiangsu.seed(), LocalDate.now(ResidentIdNumber.CHINA)).byNumber(LISTED_RESIDENT).orElseThrow()
                .idNumber();
        say("    the card shows " + idCard.mask());
        String sub = idCard.pseudonym(gansuKey);
        Answer lookup = greenLookupUntil(national, sub, "320000", "RED", Duration.ofSeconds(15));
        check(lookup.status() == 200 && lookup.field("status").equals("RED") && lookup.field("source").equals("LIST")
                && lookup.field("home").equals(jiangsu.entityId()),
                "RED from the national hub's own list state (source LIST, home " + lookup.field("home") + ")",
                "expected HTTP 200, status RED, source LIST, home 320000");
        listedSub = sub;
    }

    private void listChangesReachEveryHub() throws IOException, InterruptedException {
        begin("PERF-7: " + PROPAGATION_CHANGES + " list changes accepted at the leaf hub ah (Anhui's daily list,",
                "one change every " + PROPAGATION_SPACING.toMillis()
                        + " ms); how long until ah, yrd and the national hub"
                        + " all answer each of them");
        ListPropagation.Asker uploader = new ListPropagation.Asker("ah", ah.url(), AH_ID, anhui.entityId(),
                anhui.keyFile());
        ListPropagation.Result result = new ListPropagation().run(uploader, List.of(uploader,
                new ListPropagation.Asker("yrd", yrd.url(), YRD_ID, jiangsu.entityId(), jiangsu.keyFile()),
                new ListPropagation.Asker("national", national.url(), NATIONAL_ID, gansu.entityId(), gansu.keyFile())),
                PROPAGATION_CHANGES, PROPAGATION_SPACING, Duration.ofSeconds(60));
        say("    PERF-7 summary: " + result.seen() + " of " + result.changes() + " changes answered by every hub;"
                + " p50 " + result.percentile(0.5) + " ms, p99 " + result.percentile(0.99) + " ms, max "
                + result.percentile(1.0) + " ms (goal: p99 <= 10000 ms)");
        check(result.seen() == result.changes(), "every change reached every hub of the three levels",
                (result.changes() - result.seen()) + " changes never reached every hub within 60 s");
    }

    private void gansuAsGansu() throws IOException, InterruptedException {
        begin("Gansu as Gansu: 620000 runs as Gansu's platform does (甘肃健康码: a code valid for a day, venue codes",
                "at the doors), and its member record at the national hub allows codes that long (codePolicy)");
        Answer record = calls.get(national.url().resolve("/v1/members/" + gansu.entityId()));
        long policy = record.json().path("codePolicy").path("maxLifetimeSeconds").asLong(0);
        say("    the national hub's record of " + gansu.entityId() + ": HTTP " + record.status() + ", codePolicy "
                + record.json().path("codePolicy"));
        JsonNode claims = claimsOf(calls.get(gansu.admin().resolve("/sim/residents/1/code")).json().path("code")
                .asText());
        long lifetime = claims.path("exp").asLong() - claims.path("iat").asLong();
        say("    a Gansu resident's code: issued " + Instant.ofEpochSecond(claims.path("iat").asLong())
                + ", valid until "
                + Instant.ofEpochSecond(claims.path("exp").asLong()) + " (" + lifetime + " s)");
        JsonNode venues = calls.get(gansu.admin().resolve("/sim/venues")).json().path("venues");
        List<String> names = new ArrayList<>();
        venues.forEach(v -> names.add(v.path("vid").asText() + " " + v.path("nam").asText()));
        say("    Gansu's venues: " + names);
        check(record.status() == 200 && policy == GANSU_CODE_LIFETIME.toSeconds()
                && lifetime == GANSU_CODE_LIFETIME.toSeconds() && venues.size() == SimulatorOptions.GANSU_VENUES,
                "Gansu's codes live " + lifetime / 3600 + " h, as its record at the national hub allows"
                        + " (codePolicy.maxLifetimeSeconds " + policy + "), and " + venues.size()
                        + " venues post codes",
                "expected codePolicy.maxLifetimeSeconds " + GANSU_CODE_LIFETIME.toSeconds()
                        + " at the national hub, a code living as long, and " + SimulatorOptions.GANSU_VENUES
                        + " venues");
    }

    private void aVenueScanInGansuTurnsAShanghaiResidentYellow() throws IOException, InterruptedException {
        begin("a Shanghai resident travelling in Gansu scans a venue code (场所码) with Shanghai's app; Shanghai's",
                "platform reports the scan at yrd, which sends it yrd -> national -> Gansu's platform. Gansu then",
                "declares the venue an exposure site and publishes its daily list: at a Shanghai metro gate the",
                "resident is now YELLOW");
        int resident = greenShanghaiResident();
        String code = calls.get(shanghai.admin().resolve("/sim/residents/" + resident + "/code")).json().path("code")
                .asText();
        Answer before = verifyAtAShanghaiCheckpoint(code);
        say("    before the trip: Shanghai resident " + resident + " is " + before.field("status")
                + " at a metro gate ("
                + before.field("source") + ")");
        JsonNode venue = calls.get(gansu.admin().resolve("/sim/venues")).json().path("venues").path(0);
        String vid = venue.path("vid").asText();
        String name = venue.path("nam").asText();
        say("    in Gansu the resident scans the code at the door of " + vid + " \"" + name + "\" ("
                + venue.path("knd").asText() + ", region " + venue.path("rgn").asText() + ")");
        // Shanghai's platform knows its resident's number and pseudonymises it with the list key it has from yrd
        byte[] listKey = listKey(yrd, shanghai.entityId(), shanghai.keyFile());
        String subject = Population.generate(shanghai.entityId(), shanghai.region(), Processes.RESIDENTS,
                shanghai.seed(), LocalDate.now(ResidentIdNumber.CHINA)).byNumber(resident).orElseThrow().idNumber()
                .pseudonym(listKey);
        Answer scan = calls.postJson(yrd.url().resolve("/v1/venue-scans"), """
                {"venueCode":"%s","subject":"%s","at":"%s","direction":"ENTRY"}"""
                .formatted(venue.path("venueCode").asText(), subject, Instant.ofEpochSecond(Instant.now()
                        .getEpochSecond())),
                Map.of("Ymt-Client-Assertion", Calls.assertion(shanghai.keyFile(), shanghai.entityId(), YRD_ID)));
        say("    yrd answered HTTP " + scan.status() + " in " + scan.millis() + " ms: " + scan.text());
        String scanId = scan.field("scanId");
        check(scan.status() == 200 && scan.json().path("venue").path("nam").asText().equals(name)
                && scan.json().path("venue").path("vid").asText().equals(vid)
                && scan.json().path("accepted").asBoolean() && !scanId.isEmpty(),
                "scan accepted at once; Shanghai's app shows the venue \"" + name + "\" (scanId " + scanId + ")",
                "expected HTTP 200 naming venue " + vid + " \"" + name + "\", accepted, with a scanId");
        JsonNode visit = visitAtGansu(vid, scanId);
        check(visit.path("subject").asText().equals(subject),
                "the visit reached Gansu's platform (reported by " + visit.path("reportedBy").asText()
                        + ", the visitor known only by pseudonym)",
                "scan " + scanId + " not among the visits Gansu lists for " + vid + " after "
                        + VENUE_PATIENCE.toSeconds() + " s");
        Answer exposure = calls.postJson(gansu.admin().resolve("/sim/venues/" + vid + "/exposure"), "{}", Map.of());
        say("    Gansu declares " + vid + " an exposure site: " + exposure.text());
        Answer published = calls.postJson(gansu.admin().resolve("/sim/lists/publish"), "{\"to\":\"hub\"}", Map.of());
        String entries = published.json().path("manifest").path("count").asText();
        String contacts = exposure.json().path("contacts").asText();
        String taken = published.json().path("hub").path("status").asText();
        say("    Gansu's daily list (" + entries + " entries, venue contacts among them: " + contacts
                + ") taken by the national hub: HTTP " + taken);
        Answer after = verifyAtAShanghaiCheckpointUntil(code, "YELLOW", VENUE_PATIENCE);
        check(before.field("status").equals("GREEN") && after.status() == 200 && after.field("status").equals("YELLOW")
                && after.field("source").equals("LIST") && after.field("reason").equals("LISTED")
                && after.field("home").equals(shanghai.entityId())
                && after.json().path("listSub").isMissingNode(),
                "YELLOW at the Shanghai checkpoint (source LIST, reason LISTED): Shanghai answered live, yrd merged"
                        + " Gansu's contact listing by the pseudonym Shanghai gave",
                "expected GREEN before the trip, then HTTP 200, status YELLOW, source LIST, reason LISTED,"
                        + " home 310000 within " + VENUE_PATIENCE.toSeconds() + " s");
    }

    private void aDayLongGansuCodeIsAnsweredOnlyLive() throws IOException, InterruptedException {
        long hours = DAY_LONG_CODE_AGE.toHours();
        begin("a Gansu code issued " + hours
                + " hours ago (valid a day) is shown at a Shanghai metro gate: yrd sends it",
                "yrd -> national -> 620000 and only Gansu's live answer counts; so for the code string Gansu's",
                "platform prints itself (GSJKM1, no JWS); with Gansu's platform down both are UNKNOWN, never the",
                "colour signed into the code");
        JsonNode code = calls.get(gansu.admin().resolve("/sim/residents/1/code?ageSeconds="
                + DAY_LONG_CODE_AGE.toSeconds())).json();
        String colour = code.path("colour").asText();
        JsonNode claims = claimsOf(code.path("code").asText());
        say("    Gansu resident 1 is " + colour + "; the code was issued " + Instant.ofEpochSecond(claims.path("iat")
                .asLong()) + ", valid until " + code.path("expiresAt").asText() + ", signed colour "
                + claims.path("col").asText());
        Answer live = verifyAtAShanghaiCheckpoint(code.path("code").asText());
        if (live.field("status").equals("UNKNOWN")) {
            say("    (a cold route answers UNKNOWN when it exceeds the budget; asking once more, as a gate would)");
            live = verifyAtAShanghaiCheckpoint(code.path("code").asText());
        }
        check(live.status() == 200 && live.field("status").equals(colour) && live.field("source").equals("LIVE")
                && live.field("home").equals(gansu.entityId()),
                colour + " answered live by Gansu's platform (source LIVE, home " + live.field("home") + "), " + hours
                        + " h after the code was issued",
                "expected HTTP 200, status " + colour + ", source LIVE, home " + gansu.entityId());
        // a resident no list names: only Gansu's live answer can say GREEN (a listed one is YELLOW or RED)
        JsonNode printed = calls.get(gansu.admin().resolve("/sim/residents/" + greenGansuResident()
                + "/native-code")).json();
        String nativeCode = printed.path("code").asText();
        say("    Gansu resident " + printed.path("n").asInt() + " (" + printed.path("colour").asText()
                + ") shows the code string Gansu's platform printed: " + nativeCode);
        Answer nativeLive = verifyAtAShanghaiCheckpoint(nativeCode);
        check(nativeLive.status() == 200 && nativeLive.field("status").equals(printed.path("colour").asText())
                && nativeLive.field("source").equals("LIVE") && nativeLive.field("home").equals(gansu.entityId()),
                "Gansu's code string " + nativeCode.substring(0, 14) + "... " + nativeLive.field("status")
                        + ", answered live by Gansu's platform (source LIVE, home " + nativeLive.field("home")
                        + "): recognised by the v1 dialect, routed by its region 620000",
                "expected HTTP 200, status " + printed.path("colour").asText() + ", source LIVE, home "
                        + gansu.entityId());
        faults(gansu, "{\"down\":true}");
        try {
            check(!calls.answers(gansu.url().resolve("/member/v1/jwks")), "Gansu's member API refuses connections",
                    "the Gansu member API still answers after {\"down\":true}");
            Answer nativeDown = verifyAtAShanghaiCheckpoint(nativeCode);
            check(nativeDown.status() == 200 && nativeDown.field("status").equals("UNKNOWN")
                    && nativeDown.field("reason").equals("HOME_UNAVAILABLE")
                    && nativeDown.field("source").equals("NONE") && nativeDown.millis() <= unknownLimitMs,
                    "Gansu's code string UNKNOWN (reason HOME_UNAVAILABLE, source NONE) with Gansu's platform down, in "
                            + nativeDown.millis() + " ms",
                    "expected HTTP 200, status UNKNOWN, reason HOME_UNAVAILABLE, source NONE within " + unknownLimitMs
                            + " ms");
            Answer down = verifyAtAShanghaiCheckpoint(code.path("code").asText());
            check(down.status() == 200 && down.field("status").equals("UNKNOWN")
                    && down.field("reason").equals("HOME_UNAVAILABLE") && down.field("source").equals("NONE")
                    && down.millis() <= unknownLimitMs,
                    "UNKNOWN (reason HOME_UNAVAILABLE, source NONE) with Gansu's platform down, in " + down.millis()
                            + " ms: a day-long code's signed " + claims.path("col").asText() + " is never the answer",
                    "expected HTTP 200, status UNKNOWN, reason HOME_UNAVAILABLE, source NONE within " + unknownLimitMs
                            + " ms");
        } finally {
            faults(gansu, "{\"down\":false}");
        }
    }

    /** A Gansu resident other than resident 1 (step 10's signed code) GREEN at home, as Gansu's platform says. */
    private int greenGansuResident() throws IOException, InterruptedException {
        for (JsonNode resident : calls.get(gansu.admin().resolve("/sim/residents")).json().path("residents")) {
            if (resident.path("n").asInt() > 1 && resident.path("colour").asText().equals("GREEN")) {
                return resident.path("n").asInt();
            }
        }
        throw new IllegalStateException("Gansu's platform has no GREEN resident but resident 1");
    }

    /** A Shanghai resident GREEN at home whom no other step uses, as Shanghai's platform knows its residents. */
    private int greenShanghaiResident() {
        return Population.generate(shanghai.entityId(), shanghai.region(), Processes.RESIDENTS, shanghai.seed(),
                LocalDate.now(ResidentIdNumber.CHINA)).all().stream()
                .filter(r -> r.number() > 10 && r.colour() == Colour.GREEN)
                .findFirst().orElseThrow().number();
    }

    /** The visit Gansu's platform keeps for scan {@code scanId} at venue {@code vid}, asked until it is there. */
    private JsonNode visitAtGansu(String vid, String scanId) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(VENUE_PATIENCE);
        while (true) {
            Answer visits = calls.get(gansu.admin().resolve("/sim/venues/" + vid + "/visits"));
            for (JsonNode visit : visits.json().path("visits")) {
                if (visit.path("scanId").asText().equals(scanId)) {
                    say("    Gansu's platform lists the visit: " + visit);
                    return visit;
                }
            }
            if (!Instant.now().isBefore(deadline)) {
                say("    Gansu's visits of " + vid + ": " + visits.text());
                return Calls.JSON.createObjectNode();
            }
            Thread.sleep(250);
        }
    }

    /** A verification at yrd from a Shanghai checkpoint (a metro gate, client 310199 of yrd), printed. */
    private Answer verifyAtAShanghaiCheckpoint(String code) throws IOException, InterruptedException {
        Answer answer = askAtAShanghaiCheckpoint(code);
        say("    yrd answered HTTP " + answer.status() + " in " + answer.millis() + " ms: " + answer.text());
        return answer;
    }

    /** {@link #verifyAtAShanghaiCheckpoint} asked again until it answers {@code status} or {@code patience} passes. */
    private Answer verifyAtAShanghaiCheckpointUntil(String code, String status, Duration patience)
            throws IOException, InterruptedException {
        Instant started = Instant.now();
        for (int asked = 1;; asked++) {
            Answer answer = askAtAShanghaiCheckpoint(code);
            if (answer.field("status").equals(status) || !Instant.now().isBefore(started.plus(patience))) {
                say("    yrd answered HTTP " + answer.status() + " (asked " + asked + " times in "
                        + Duration.between(started, Instant.now()).toMillis() + " ms): " + answer.text());
                return answer;
            }
            Thread.sleep(250);
        }
    }

    private Answer askAtAShanghaiCheckpoint(String code) throws IOException, InterruptedException {
        return calls.postJson(yrd.url().resolve("/v1/verifications"), """
                {"code":"%s","checkpoint":{"id":"sh-metro-l2-gate-07","region":"310115","kind":"TRANSPORT"},
                 "purpose":"entry"}""".formatted(code), Map.of("Ymt-Client-Assertion",
                Calls.assertion(shanghaiCheckpointKey, SHANGHAI_CHECKPOINT_ID, YRD_ID)));
    }

    /** The claims of a compact JWS, read without verifying: for printing and for the lifetime it says. */
    private static JsonNode claimsOf(String jws) throws IOException {
        return Calls.JSON.readTree(Base64.getUrlDecoder().decode(jws.split("\\.")[1]));
    }

    private void aPersonSeesTheGansuCheckpointThatVerifiedTheirCode() throws IOException, InterruptedException {
        int resident = LOOKED_AT_RESIDENT;
        begin("a Shanghai resident's code is verified at a Gansu checkpoint (" + GANSU_CHECKPOINT_NAME + ", client "
                + GANSU_CHECKPOINT_ID + " of", "the national hub), routed national -> yrd -> 310000; then Shanghai's"
                        + " platform shows the resident who looked at them:",
                "their access log, which it reads from yrd, its hub, names the Gansu checkpoint");
        JsonNode code = calls.get(shanghai.admin().resolve("/sim/residents/" + resident + "/code")).json();
        String colour = code.path("colour").asText();
        say("    Shanghai resident " + resident + " is " + colour + " at home");
        Instant asked = Instant.now();
        Answer answer = verifyAtAGansuCheckpoint(code.path("code").asText());
        if (answer.field("status").equals("UNKNOWN")) {
            say("    (a cold route answers UNKNOWN when it exceeds the budget; asking once more, as a checkpoint would)");
            answer = verifyAtAGansuCheckpoint(code.path("code").asText());
        }
        Instant answered = Instant.now();
        check(answer.status() == 200 && answer.field("status").equals(colour) && answer.field("source").equals("LIVE")
                && answer.field("home").equals(shanghai.entityId()),
                colour + " at the Gansu checkpoint (source LIVE, home " + answer.field("home") + ")",
                "expected HTTP 200, status " + colour + ", source LIVE, home " + shanghai.entityId());
        Answer log = calls.get(shanghai.admin().resolve("/sim/residents/" + resident + "/access-log"));
        say("    Shanghai's platform shows resident " + resident + " (HTTP " + log.status() + "), newest first:");
        JsonNode found = null;
        for (JsonNode access : log.json().path("accesses")) {
            // byName is the hub's display name of by; yrd has none for a client registered at the national hub
            say("      " + access.path("at").asText() + "  " + access.path("by").asText()
                    + (access.hasNonNull("byName") ? " \"" + access.path("byName").asText() + "\"" : "") + "  "
                    + access.path("action").asText() + ", purpose "
                    + access.path("purpose").asText() + ", " + access.path("outcome").asText());
            if (found == null && access.path("by").asText().equals(GANSU_CHECKPOINT_ID)
                    && access.path("action").asText().equals("VERIFICATION")) {
                found = access;
            }
        }
        if (found == null) {
            say("    the simulator answered: " + log.text());
        }
        Instant at = found == null ? null : instantOrNull(found.path("at").asText());
        // one machine, one clock: the look is stored while the checkpoint waits for its answer (a second's slack)
        check(log.status() == 200 && at != null && !at.isBefore(asked.minusSeconds(1))
                && !at.isAfter(answered.plusSeconds(1)),
                "resident " + resident + "'s access log at Shanghai's platform lists VERIFICATION by "
                        + GANSU_CHECKPOINT_ID + " (the Gansu checkpoint) at " + at,
                "expected HTTP 200 and an access by " + GANSU_CHECKPOINT_ID + ", action VERIFICATION, between "
                        + asked + " and " + answered);
    }

    private static Instant instantOrNull(String text) {
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** A verification at the national hub from the Gansu checkpoint (client 620198 of the national hub), printed. */
    private Answer verifyAtAGansuCheckpoint(String code) throws IOException, InterruptedException {
        return verifyAtTheNationalHub("""
                {"code":"%s","checkpoint":{"id":"lz-station-gate-3","region":"620102","kind":"TRANSPORT"},
                 "purpose":"entry"}""".formatted(code), gansuCheckpointKey, GANSU_CHECKPOINT_ID);
    }

    /**
     * REQ-PRIV-1: the Lanzhou station checkpoint asks the hub to decide "a negative test within 48 h" for a Shanghai
     * resident (purpose station-entry, which allows the decision but never the test itself): {@code meets: true}
     * without the test; after Shanghai's platform ages the test to 72 h, {@code meets: false}.
     */
    private void aShanghaiResidentAtALanzhouStation() throws IOException, InterruptedException {
        begin("a Shanghai resident at a Lanzhou station: the station's checkpoint (" + GANSU_CHECKPOINT_ID + ") asks"
                + " for entry (purpose station-entry)", "with the rule \"a negative nucleic-acid test within "
                        + STATION_RULE_HOURS + " h\"; the hub decides it from what Shanghai's platform knows and tells"
                        + " the station only yes or no,", "never the test; then the resident's test is "
                                + AGED_TEST_HOURS + " h old and the answer is no");
        int resident = freshlyTestedShanghaiResident();
        Answer fresh = verifyAtALanzhouStation(resident);
        check(fresh.status() == 200 && fresh.field("meets").equals("true") && !fresh.json().has("attestations")
                && fresh.json().path("policyVersion").canConvertToInt(),
                "meets: true for Shanghai resident " + resident + " (status " + fresh.field("status")
                        + "), no test date disclosed, decided under purpose policy version "
                        + fresh.field("policyVersion"),
                "expected HTTP 200, meets true, no attestations and a policyVersion");
        Answer log = calls.get(shanghai.admin().resolve("/sim/residents/" + resident + "/access-log"));
        JsonNode disclosure = null;
        for (JsonNode access : log.json().path("accesses")) {
            if (access.path("by").asText().equals(GANSU_CHECKPOINT_ID) && access.path("action").asText().equals(
                    "DISCLOSURE") && access.path("purpose").asText().equals("station-entry")) {
                disclosure = access;
                break;
            }
        }
        check(log.status() == 200 && disclosure != null && disclosure.path("outcome").asText().equals(
                "DECISION:naat"), "resident " + resident + "'s access log lists DISCLOSURE DECISION:naat to "
                        + GANSU_CHECKPOINT_ID + " for station-entry: the station learnt a decision on the test",
                "expected HTTP 200 and a DISCLOSURE by " + GANSU_CHECKPOINT_ID + " with outcome DECISION:naat; the"
                        + " simulator answered HTTP " + log.status() + ": " + log.text());
        Answer aged = calls.postJson(shanghai.admin().resolve("/sim/residents/" + resident + "/naat"),
                "{\"sampledHoursAgo\":" + AGED_TEST_HOURS + "}", Map.of());
        say("    Shanghai's platform now has resident " + resident + "'s latest test sampled " + AGED_TEST_HOURS
                + " h ago (HTTP " + aged.status() + ")");
        Answer stale = verifyAtALanzhouStation(resident);
        check(stale.status() == 200 && stale.field("meets").equals("false") && !stale.json().has("attestations"),
                "meets: false with a " + AGED_TEST_HOURS + " h old test, still no test date disclosed",
                "expected HTTP 200, meets false and no attestations");
    }

    /**
     * A Shanghai resident GREEN at home whom no other step uses (the colour as Shanghai's platform answers it), whose
     * latest test Shanghai's platform is then told was negative, sampled {@value #FRESH_TEST_HOURS} h ago: the step
     * sets what it relies on rather than predicting what the simulator drew from its seed.
     */
    private int freshlyTestedShanghaiResident() throws IOException, InterruptedException {
        int venueStepResident = greenShanghaiResident();
        for (int n = 11; n <= Processes.RESIDENTS; n++) {
            if (n == venueStepResident || !calls.get(shanghai.admin().resolve("/sim/residents/" + n + "/code")).json()
                    .path("colour").asText().equals("GREEN")) {
                continue;
            }
            Answer tested = calls.postJson(shanghai.admin().resolve("/sim/residents/" + n + "/naat"),
                    "{\"sampledHoursAgo\":" + FRESH_TEST_HOURS + ",\"result\":\"NEGATIVE\"}", Map.of());
            say("    Shanghai's platform has resident " + n + "'s latest test: negative, sampled " + FRESH_TEST_HOURS
                    + " h ago (HTTP " + tested.status() + ")");
            return n;
        }
        throw new IllegalStateException("no GREEN Shanghai resident besides " + venueStepResident);
    }

    /** A fresh code of Shanghai resident {@code n} verified at the Lanzhou station under the 48 h rule, printed. */
    private Answer verifyAtALanzhouStation(int n) throws IOException, InterruptedException {
        String code = calls.get(shanghai.admin().resolve("/sim/residents/" + n + "/code")).json().path("code")
                .asText();
        return onceMoreIfUnknown(() -> stationVerification(code));
    }

    private Answer stationVerification(String code) throws IOException, InterruptedException {
        return verifyAtTheNationalHub("""
                {"code":"%s","checkpoint":{"id":"lz-station-gate-3","region":"620102","kind":"TRANSPORT"},
                 "purpose":"station-entry","requires":{"naatNegativeWithinHours":%d}}""".formatted(code,
                STATION_RULE_HOURS), gansuCheckpointKey, GANSU_CHECKPOINT_ID);
    }

    private void theNationalHubAnswersWithoutYrd() throws IOException, InterruptedException {
        begin("the regional hub yrd stops; the national hub keeps answering the Jiangsu listing from its own state");
        processes.stop(yrd);
        check(!calls.answers(yrd.url().resolve("/q/health")), "yrd is down", "yrd still answers");
        Answer lookup = greenLookupUntil(national, listedSub, "320000", "RED", Duration.ZERO);
        check(lookup.status() == 200 && lookup.field("status").equals("RED") && lookup.field("source").equals("LIST"),
                "RED (source LIST) with yrd down", "expected HTTP 200, status RED, source LIST with yrd down");
    }

    /** The list key {@code hub} hands {@code member}. */
    private byte[] listKey(Hub hub, String member, Path keyFile) throws IOException, InterruptedException {
        Answer key = calls.get(hub.url().resolve("/v1/lists/key"), Map.of("Ymt-Client-Assertion",
                Calls.assertion(keyFile, member, hub.entityId())));
        require(key, "the list key of " + member + " at " + hub.entityId());
        return Base64.getUrlDecoder().decode(key.field("key"));
    }

    /** A Gansu green lookup at {@code hub}, asked again until it answers {@code status} or {@code patience} passes. */
    private Answer greenLookupUntil(Hub hub, String sub, String rgn, String status, Duration patience)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        while (true) {
            Answer lookup = calls.postJson(hub.url().resolve("/v1/green-lookups"),
                    "{\"sub\":\"" + sub + "\",\"rgn\":\"" + rgn + "\"}",
                    Map.of("Ymt-Client-Assertion", Calls.assertion(gansu.keyFile(), gansu.entityId(), hub.entityId())));
            if (lookup.field("status").equals(status) || !Instant.now().isBefore(deadline)) {
                say("    " + hub.entityId() + " answered HTTP " + lookup.status() + ": " + lookup.text());
                return lookup;
            }
            Thread.sleep(250);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** A verification at the national hub from a Gansu checkpoint. */
    private Answer verify(String code) throws IOException, InterruptedException {
        return verifyAtTheNationalHub("""
                {"code":"%s","checkpoint":{"id":"gate-1","region":"620102","kind":"TRANSPORT"},"purpose":"entry"}"""
                .formatted(code), gansu.keyFile(), gansu.entityId());
    }

    /** The verification {@code request} at the national hub from its client {@code caller}, printed. */
    private Answer verifyAtTheNationalHub(String request, Path keyFile, String caller)
            throws IOException, InterruptedException {
        Answer answer = calls.postJson(national.url().resolve("/v1/verifications"), request, Map.of(
                "Ymt-Client-Assertion", Calls.assertion(keyFile, caller, NATIONAL_ID)));
        say("    national hub answered HTTP " + answer.status() + " in " + answer.millis() + " ms: " + answer.text());
        return answer;
    }

    /** A verification that asks once more if the first answer is UNKNOWN ({@link #onceMoreIfUnknown}). */
    private Answer verifyWarm(String code) throws IOException, InterruptedException {
        return onceMoreIfUnknown(() -> verify(code));
    }

    /** A call that answers a verification, made again if the first answer is UNKNOWN. */
    private interface Verification {
        Answer ask() throws IOException, InterruptedException;
    }

    /**
     * {@code verification}, asked once more if the first answer is UNKNOWN: the first call along a new route of a
     * fresh federation fetches key sets and warms three JVMs, and can exceed the 800 ms member-call budget.
     */
    private Answer onceMoreIfUnknown(Verification verification) throws IOException, InterruptedException {
        Answer answer = verification.ask();
        if (answer.field("status").equals("UNKNOWN")) {
            say("    (a cold route answers UNKNOWN when it exceeds the budget; asking once more, as a checkpoint would)");
            answer = verification.ask();
        }
        return answer;
    }

    private void faults(Simulator sim, String faults) throws IOException, InterruptedException {
        calls.postJson(sim.admin().resolve("/sim/faults"), faults, Map.of());
    }

    private Map<String, String> admin() {
        return Map.of("Authorization", "Bearer " + adminToken);
    }

    private static void require(Answer answer, String what) throws IOException {
        if (answer.status() / 100 != 2) {
            throw new IOException(what + ": HTTP " + answer.status() + " " + answer.text());
        }
    }

    private void begin(String... lines) {
        step++;
        say("");
        say("=== step " + step + ": " + lines[0]);
        for (int i = 1; i < lines.length; i++) {
            say("    " + lines[i]);
        }
    }

    private void check(boolean passed, String success, String failure) {
        if (passed) {
            say("    OK: " + success);
        } else {
            say("    FAILED: " + failure);
            failures.add("step " + step);
        }
    }

    private void say(String line) {
        out.println(line);
        out.flush();
    }

    private static void clean(Path work) throws IOException {
        if (Files.exists(work)) {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(work);
    }
}
