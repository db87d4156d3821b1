package org.yimatong.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.jose.JwsVerifier;
import org.yimatong.schemas.jose.ParsedJws;

import com.fasterxml.jackson.databind.JsonNode;

class LoginServiceTest {

    RunningSimulator running;

    @BeforeEach
    void start() throws Exception {
        running = RunningSimulator.start("--region", "320000", "--alg", "ES256");
    }

    @AfterEach
    void stop() {
        running.close();
    }

    private String login(String level) throws Exception {
        RunningSimulator.Answer answer = running.post("/sim/login",
                "{\"resident\":5,\"level\":\"" + level + "\",\"audience\":\"ymt:hub:national\"}");
        assertEquals(200, answer.status(), answer.body());
        return answer.json().get("id_token").asText();
    }

    @Test
    void idTokenCarriesTheResidentsListPseudonymWhenTheListKeyIsKnown() throws Exception {
        try (RunningSimulator keyed = RunningSimulator.startWithTestKey("--region", "320000", "--alg", "ES256")) {
            RunningSimulator.Answer answer = keyed.post("/sim/login",
                    "{\"resident\":5,\"level\":\"basic\",\"audience\":\"ymt:hub:national\"}");
            assertEquals(200, answer.status(), answer.body());
            JsonNode claims = StrictJson.read(ParsedJws.parseCompact(answer.json().get("id_token").asText())
                    .payload());

            assertEquals(keyed.pseudonym(5, RunningSimulator.LIST_KEY), claims.get("ymt_list_sub").asText());
        }
    }

    @Test
    void idTokenVerifiesWithThePublishedKeySetAndCarriesTheRequestedLevel() throws Exception {
        String token = login("substantial");

        JwkSet published = JwkSet.parse(running.get("/member/v1/jwks").json());
        JsonNode claims = StrictJson.read(new JwsVerifier(EnumSet.allOf(SignatureProfile.class), "JWT")
                .verify(token, published).payload());

        assertEquals("urn:ymt:loa:substantial", claims.get("acr").asText());
        assertEquals("ymt:member:320000", claims.get("iss").asText());
        assertEquals("ymt:hub:national", claims.get("aud").asText());
        assertEquals(running.sim.population().byNumber(5).orElseThrow().codeSubject(), claims.get("sub").asText());
        assertTrue(claims.get("auth_time").asLong() <= claims.get("iat").asLong());
        assertTrue(claims.get("exp").asLong() > claims.get("iat").asLong());
    }

    @Test
    void aGuardiansLoginForADependantNamesTheGuardianInMayAct() throws Exception {
        RunningSimulator.Answer answer = running.post("/sim/login",
                "{\"resident\":5,\"level\":\"substantial\",\"guardian\":9}");
        assertEquals(200, answer.status(), answer.body());
        assertEquals(9, answer.json().get("guardian").asInt());

        JwkSet published = JwkSet.parse(running.get("/member/v1/jwks").json());
        JsonNode claims = StrictJson.read(new JwsVerifier(EnumSet.allOf(SignatureProfile.class), "JWT")
                .verify(answer.json().get("id_token").asText(), published).payload());
        // the hub grants the exchange only to the actor whose own ID token has this sub and iss
        assertEquals(running.sim.population().byNumber(5).orElseThrow().codeSubject(), claims.get("sub").asText());
        assertEquals(running.sim.population().byNumber(9).orElseThrow().codeSubject(),
                claims.get("may_act").get("sub").asText());
        assertEquals("ymt:member:320000", claims.get("may_act").get("iss").asText());
        assertNotEquals(claims.get("sub").asText(), claims.get("may_act").get("sub").asText());
    }

    @Test
    void anOwnLoginLetsNobodyActForTheResident() throws Exception {
        JsonNode claims = StrictJson.read(new JwsVerifier(EnumSet.allOf(SignatureProfile.class), "JWT")
                .verify(login("substantial"), JwkSet.parse(running.get("/member/v1/jwks").json())).payload());

        assertFalse(claims.has("may_act"));
    }

    @Test
    void aResidentIsNotTheirOwnGuardianAndAGuardianIsAResidentsNumber() throws Exception {
        assertEquals(400, running.post("/sim/login", "{\"resident\":5,\"level\":\"basic\",\"guardian\":5}")
                .status());
        RunningSimulator.Answer notANumber = running.post("/sim/login",
                "{\"resident\":5,\"level\":\"basic\",\"guardian\":\"mother\"}");
        assertEquals(400, notANumber.status());
        assertEquals("/guardian", notANumber.json().get("errors").get(0).get("pointer").asText());
        assertEquals(404, running.post("/sim/login", "{\"resident\":5,\"level\":\"basic\",\"guardian\":31}")
                .status());
    }

    @Test
    void levelMayBeGivenAsItsUri() throws Exception {
        String token = login("urn:ymt:loa:high");

        assertTrue(introspect(token).get("acr").asText().equals("urn:ymt:loa:high"));
    }

    @Test
    void unknownLevelIsRefused() throws Exception {
        RunningSimulator.Answer answer = running.post("/sim/login", "{\"resident\":5,\"level\":\"platinum\"}");

        assertEquals(400, answer.status());
        assertEquals("/level", answer.json().get("errors").get(0).get("pointer").asText());
    }

    @Test
    void introspectionOfItsOwnIdTokenIsActive() throws Exception {
        JsonNode answer = introspect(login("basic"));

        assertTrue(answer.get("active").asBoolean());
        assertEquals("urn:ymt:loa:basic", answer.get("acr").asText());
        assertEquals("ymt:member:320000", answer.get("home").asText());
    }

    @Test
    void introspectionOfATamperedTokenSaysOnlyInactive() throws Exception {
        String token = login("basic");
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");

        JsonNode answer = introspect(tampered);

        assertFalse(answer.get("active").asBoolean());
        assertEquals(1, answer.size());
    }

    private JsonNode introspect(String token) throws Exception {
        RunningSimulator.Answer answer = running.post(running.uri("/member/v1/introspect"),
                "application/x-www-form-urlencoded", "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8),
                Map.of());
        assertEquals(200, answer.status(), answer.body());
        return answer.json();
    }
}
