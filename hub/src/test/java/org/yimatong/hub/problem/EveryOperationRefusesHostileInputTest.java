package org.yimatong.hub.problem;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimatong.hub.lists.ListBatches.sub;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Every operation of the contract, as a stranger, as a member and as the operator, with hostile path parameters and
 * bodies: never a 5xx, every refusal a problem document (an OAuth error object on the token endpoints), nothing
 * stored, and a member's honest green lookups, running all the while, all answered.
 */
@QuarkusTest
class EveryOperationRefusesHostileInputTest {

    private static final String MEMBER = "ymt:member:730100";
    private static final String HONEST = "ymt:member:730200";
    private static final Jwk KEY = Jwk.generate(SignatureProfile.SM2);
    private static final Jwk HONEST_KEY = Jwk.generate(SignatureProfile.SM2);
    private static final List<String> PARAMETERS = List.of("%00", "x".repeat(600), "..%2F..%2Fetc", "%E4%B8",
            "ymt:member:730100%0Aforged");
    private static final List<String> BODIES = List.of("", "{", "[]", "null", "\"\u0000\"", "{\"a\":\"\u0000\"}",
            "[".repeat(3000) + "]".repeat(3000), "{\"code\":1e999999,\"sub\":{},\"rgn\":[]}",
            "{\"entityId\":\"ymt:member:730100\",\"parent\":\"" + "p".repeat(5000) + "\"}");
    private static final String TABLES = "select (select count(*) from member) + (select count(*) from appeal)"
            + " + (select count(*) from list_entry) + (select count(*) from list_batch)"
            + " + (select count(*) from list_subscription) + (select count(*) from token_revocation)";

    @Inject
    Pool pool;

    @Test
    void noOperationAnswers5xxOrChangesAnythingAndHonestCallersAreServed() throws Exception {
        TestMembers.register(MEMBER, "http://localhost:9/m7301", KEY, "7301");
        TestMembers.register(HONEST, "http://localhost:9/m7302", HONEST_KEY, "7302");
        long before = rows();
        AtomicBoolean hostile = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> honestFailures = new ConcurrentLinkedQueue<>();
        CompletableFuture<Integer> honest = CompletableFuture.supplyAsync(() -> {
            int served = 0;
            while (hostile.get()) {
                int status = given().header("Ymt-Client-Assertion", TestMembers.assertion(HONEST_KEY, HONEST))
                        .contentType("application/json").body("{\"sub\":\"" + sub("honest") + "\",\"rgn\":\"730201\"}")
                        .when().post("/v1/green-lookups").statusCode();
                if (status != 200) {
                    honestFailures.add("HTTP " + status);
                }
                served++;
            }
            return served;
        });

        List<String> failures = new ArrayList<>();
        int sent = 0;
        try {
            for (Map.Entry<String, String> operation : operations()) {
                String verb = operation.getKey();
                for (String path : hostilePaths(operation.getValue())) {
                    for (String body : verb.equals("get") || verb.equals("delete") ? List.of("") : BODIES) {
                        for (String caller : List.of("stranger", "member", "operator")) {
                            sent++;
                            check(verb, path, body, caller, failures);
                        }
                    }
                }
            }
        } finally {
            hostile.set(false);
        }

        assertTrue(sent > 500, sent + " hostile requests");
        assertEquals(List.of(), failures);
        assertEquals(before, rows(), "nothing was stored");
        assertTrue(honest.get() > 0, "honest lookups ran");
        assertEquals(List.of(), List.copyOf(honestFailures), "honest lookups all answered 200");
    }

    private void check(String verb, String path, String body, String caller, List<String> failures) {
        // forms are sent as the bytes given, not encoded again by RestAssured
        RequestSpecification request = given().urlEncodingEnabled(false).config(RestAssuredConfig.config()
                .encoderConfig(EncoderConfig.encoderConfig().encodeContentTypeAs("application/x-www-form-urlencoded",
                        ContentType.TEXT)));
        if (caller.equals("member")) {
            request.header("Ymt-Client-Assertion", TestMembers.assertion(KEY, MEMBER));
        } else if (caller.equals("operator")) {
            request.header("Authorization", TestMembers.ADMIN);
        }
        boolean form = path.equals("/v1/token") || path.equals("/v1/introspect") || path.equals("/v1/revoke");
        if (!verb.equals("get") && !verb.equals("delete")) {
            request.contentType(form ? "application/x-www-form-urlencoded" : "application/json")
                    .body(body.getBytes(StandardCharsets.UTF_8));
        }
        io.restassured.response.Response answer = request.request(verb.toUpperCase(), path);
        int status = answer.statusCode();
        String what = verb.toUpperCase() + " " + abbreviated(path) + " as " + caller + " with " + abbreviated(body)
                + ": " + status;
        if (status >= 500) {
            failures.add(what + " " + abbreviated(answer.asString()));
        } else if (status >= 400) {
            String type = String.valueOf(answer.contentType());
            boolean oauth = form && answer.jsonPath().getString("error") != null;
            if (!type.startsWith("application/problem+json") && !oauth) {
                failures.add(what + " answered " + type + " " + abbreviated(answer.asString()));
            }
        }
    }

    /** The operation's path once per hostile value of its parameters, or as it is when it has none. */
    private static List<String> hostilePaths(String template) {
        if (!template.contains("{")) {
            return List.of(template);
        }
        return PARAMETERS.stream().map(value -> template.replaceAll("\\{[^}]*}", value)).toList();
    }

    private static List<Map.Entry<String, String>> operations() throws IOException {
        JsonNode paths;
        try (InputStream in = EveryOperationRefusesHostileInputTest.class.getResourceAsStream(
                "/openapi/yimatong-v1.yaml")) {
            paths = new ObjectMapper(new YAMLFactory()).readTree(in).path("paths");
        }
        List<Map.Entry<String, String>> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            if (path.getKey().startsWith("/member/") || path.getKey().equals("/v1/admin/keys/rotate")) {
                continue; // what members serve, not the hub; an operator's rotation takes no input at all
            }
            for (String verb : List.of("get", "post", "put", "delete", "patch")) {
                if (path.getValue().has(verb)) {
                    operations.add(Map.entry(verb, path.getKey()));
                }
            }
        }
        return operations;
    }

    private long rows() {
        return pool.query(TABLES).execute().await().indefinitely().iterator().next().getLong(0);
    }

    private static String abbreviated(String text) {
        String flat = text.replace("\u0000", "\\0").replace('\n', ' ');
        return flat.length() > 60 ? flat.substring(0, 60) + "..." : flat;
    }
}
