package org.yimatong.hub.appeals;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/** Bodies of the appeal tests. */
final class AppealFixtures {

    static final String SUB = "3f1c9a0b7e2d4c5f8a9b0c1d2e3f405162738495a6b7c8d9e0f1a2b3c4d5e6f7";

    private AppealFixtures() {
    }

    static String appeal(String rgn) {
        return """
                {"sub":"%s","rgn":"%s","ground":"LISTING_EXPIRED","statement":"Quarantine ended; still shown yellow."}"""
                .formatted(SUB, rgn);
    }

    static String decision(String outcome, String homeReference) {
        return """
                {"outcome":"%s","decidedAt":"2026-11-27T08:00:00Z","homeReference":"%s","correctedColour":"GREEN"}"""
                .formatted(outcome, homeReference);
    }

    /** A platform's 202 receipt. */
    static ResponseDefinitionBuilder acknowledged(String homeReference) {
        return aResponse().withStatus(202).withHeader("Content-Type", "application/json")
                .withBody("{\"homeReference\":\"%s\",\"receivedAt\":\"%s\"}".formatted(homeReference, now()));
    }

    /** A hub's 201 answer: the appeal as it tracks it. */
    static ResponseDefinitionBuilder filedAtHub(String id, String home, String filedBy) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("""
                {"id":"%s","state":"FORWARDED","sub":"%s","rgn":"440305","home":"%s","filedBy":"%s",
                 "ground":"LISTING_EXPIRED","filedAt":"%s","updatedAt":"%s"}""".formatted(id, SUB, home, filedBy, now(),
                now()));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
