package org.yimatong.conformance.plans.member;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.yimatong.conformance.engine.Check;
import org.yimatong.schemas.dictionary.VerificationStatus;

import com.fasterxml.jackson.databind.JsonNode;

/** Checks shared by the answers of verifications and green lookups (status and validity, DESIGN.md §6-7). */
final class Answers {

    /** How far the member's clock may be from the suite's before its timestamps are called wrong. */
    static final Duration CLOCK_TOLERANCE = Duration.ofSeconds(120);

    private Answers() {
    }

    /**
     * A live answer of the member itself: {@code status} as expected, {@code home} the member, {@code source LIVE},
     * {@code checkedAt} now (within {@link #CLOCK_TOLERANCE}) and {@code validUntil} after it.
     */
    static void expectLive(JsonNode answer, VerificationStatus expected, String home, String requirement) {
        Check.equal(expected.name(), answer.path("status").asText(), "status", requirement);
        Check.equal(home, answer.path("home").asText(), "home (the answering member)", "REQ-VER-1");
        Check.equal("LIVE", answer.path("source").asText(), "source", "REQ-VER-2: the home platform answers live");
        Instant checkedAt = instant(answer, "checkedAt");
        Instant validUntil = instant(answer, "validUntil");
        Instant now = Instant.now();
        Check.that(Duration.between(checkedAt, now).abs().compareTo(CLOCK_TOLERANCE) <= 0,
                "REQ-VER-1: checkedAt " + checkedAt + " must be the time of the check (suite's clock " + now + ")");
        Check.that(validUntil.isAfter(checkedAt),
                "REQ-VER-1: validUntil " + validUntil + " must be after checkedAt " + checkedAt);
    }

    static Instant instant(JsonNode answer, String member) {
        try {
            return Instant.parse(answer.path(member).asText());
        } catch (DateTimeParseException e) {
            throw Check.fail("REQ-VER-1: " + member + " must be an RFC 3339 date-time, got " + answer.path(member));
        }
    }
}
