package org.yimatong.hub.discovery;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A production hub needs TLS and https URLs to start; a development hub (the default, as the README and these
 * tests start it) serves plain http and declares itself development.
 */
@QuarkusTest
class ProductionChecksTest {

    @Test
    void aProductionHubWithTlsAndHttpsUrlsHasNothingAgainstIt() {
        assertEquals(List.of(), ProductionChecks.faults("https://hub.example", List.of("https://parent.example"),
                true, "disabled"));
        assertEquals(List.of(), ProductionChecks.faults("https://hub.example", List.of(), true, "redirect"));
    }

    @Test
    void everyGapIsNamed() {
        List<String> faults = ProductionChecks.faults("http://hub.example", List.of("https://parent-b.example",
                "http://parent.example"),
                false, "enabled");

        assertEquals(4, faults.size(), faults.toString());
        assertTrue(faults.get(0).contains("no TLS key store"), faults.get(0));
        assertTrue(faults.get(1).contains("insecure-requests=enabled"), faults.get(1));
        assertTrue(faults.get(2).contains("http://hub.example is not https"), faults.get(2));
        assertTrue(faults.get(3).contains("http://parent.example is not https"), faults.get(3));
    }

    @Test
    void theDevelopmentHubSaysSoInItsEntityConfiguration() {
        given().when().get("/.well-known/yimatong").then().statusCode(200)
                .body("deployment", Matchers.equalTo("development"))
                .body("endpoints.verifications", Matchers.startsWith("http://"));
    }
}
