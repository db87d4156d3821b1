package org.yimatong.conformance.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.yimatong.conformance.engine.Plan;
import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.crypto.SignatureProfile;

/** The configuration file: every key read, defaults where absent, every fault named at once. */
class ConfigFileTest {

    static final URI BASE = URI.create("http://127.0.0.1:9");

    @Test
    void everyKeyIsRead() throws Exception {
        RunConfig config = parse("""
                {"target": {"entityId": "ymt:member:320000", "requiresClientAssertion": true, "allowPlainHttp": true},
                 "counterpart": {"entityId": "ymt:hub:national", "keyFile": "keys/hub.json", "profile": "ES256",
                                 "port": 18080},
                 "fixtures": {"baseUrl": "http://127.0.0.1:9001/sim/", "agedCodes": true, "listPublication": true},
                 "timeouts": {"testSeconds": 5, "requestSeconds": 2, "answerBudgetMs": 500},
                 "hub": {"anything": ["the hub plan reads it"]}}
                """);
        assertEquals(Optional.of("ymt:member:320000"), config.target().entityId());
        assertTrue(config.target().requiresClientAssertion());
        assertTrue(config.target().allowPlainHttp());
        assertEquals("ymt:hub:national", config.counterpart().entityId());
        assertEquals(Optional.of(Path.of("/etc/ymt/keys/hub.json")), config.counterpart().keyFile());
        assertEquals(SignatureProfile.ES256, config.counterpart().profile());
        assertEquals(18080, config.counterpart().port());
        assertEquals(URI.create("http://127.0.0.1:9001/sim"), config.fixtures().orElseThrow().baseUrl());
        assertEquals(new RunConfig.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofMillis(500)),
                config.timeouts());
        assertEquals("the hub plan reads it", config.hubSettings().path("anything").path(0).asText());
    }

    @Test
    void anEmptyConfigIsTheDefaults() throws Exception {
        assertEquals(RunConfig.defaults(Plan.MEMBER, BASE), parse("{}"));
    }

    @Test
    void everyFaultIsNamedAtOnce() {
        ConfigFile.ConfigException e = assertThrows(ConfigFile.ConfigException.class, () -> parse("""
                {"target": {"entityId": "member 31"}, "fixtures": {"agedCodes": "yes"}, "timeouts": {"testSeconds": 0},
                 "extra": 1}
                """));
        assertTrue(e.getMessage().contains("extra: unknown key"), e.getMessage());
        assertTrue(e.getMessage().contains("target.entityId: not an entity id"), e.getMessage());
        assertTrue(e.getMessage().contains("fixtures.agedCodes: must be true or false"), e.getMessage());
        assertTrue(e.getMessage().contains("fixtures.baseUrl: required"), e.getMessage());
        assertTrue(e.getMessage().contains("timeouts.testSeconds: must be a whole number 1..3600"), e.getMessage());
    }

    private static RunConfig parse(String json) throws Exception {
        return ConfigFile.parse(StrictJson.read(json.getBytes()), Plan.MEMBER, BASE, Path.of("/etc/ymt"));
    }
}
