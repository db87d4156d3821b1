package org.yimatong.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yimatong.schemas.batch.BatchDigest;
import org.yimatong.schemas.batch.BatchSignature;
import org.yimatong.schemas.batch.CanonicalBatch;
import org.yimatong.schemas.batch.ListEntry;
import org.yimatong.schemas.code.VenueClaims;
import org.yimatong.schemas.code.VenueCodeCodec;
import org.yimatong.schemas.dictionary.Colour;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Venues of the simulated platform (DESIGN.md §5a): venue codes it signed, visits the hub delivers kept once per
 * scan id (REQ-VENUE-2), and an exposure site whose visitors reach the daily batch as contacts.
 */
class VenuesTest {

    private static final String VISITOR = "3f1c9a0b7e2d4c5f8a9b0c1d2e3f405162738495a6b7c8d9e0f1a2b3c4d5e6f7";
    private static final String OTHER_VISITOR = "0".repeat(63) + "1";

    RunningSimulator running;

    @AfterEach
    void stop() {
        running.close();
    }

    private static String scan(String scanId, String vid, String subject) {
        return "{\"scanId\":\"" + scanId + "\",\"vid\":\"" + vid + "\",\"subject\":\"" + subject
                + "\",\"at\":\"2026-11-27T08:15:30Z\",\"direction\":\"ENTRY\",\"reportedBy\":\"ymt:member:310000\"}";
    }

    private RunningSimulator.Answer deliver(String scanId, String vid, String subject) throws Exception {
        return running.post("/member/v1/venue-scans", scan(scanId, vid, subject), Map.of("Ymt-Scan-Id", scanId));
    }

    private JsonNode visits(String vid) throws Exception {
        RunningSimulator.Answer answer = running.get("/sim/venues/" + vid + "/visits");
        assertEquals(200, answer.status(), answer.body());
        return answer.json().path("visits");
    }

    @Test
    void everyVenueHasAYearLongCodeSignedByThePlatform() throws Exception {
        running = RunningSimulator.start("--profile", "gansu");

        JsonNode venues = running.get("/sim/venues").json().path("venues");

        assertEquals(5, venues.size());
        Set<String> vids = new java.util.HashSet<>();
        for (JsonNode venue : venues) {
            VenueClaims claims = new VenueCodeCodec().verify(venue.path("venueCode").asText(), running.sim.keySet());
            assertEquals("ymt:member:620000", claims.iss());
            assertEquals(venue.path("vid").asText(), claims.vid());
            assertEquals("620000", claims.rgn());
            assertEquals(venue.path("knd").asText(), claims.knd().name());
            assertEquals(venue.path("nam").asText(), claims.nam());
            assertEquals(VenueCodeCodec.MAX_LIFETIME, java.time.Duration.between(claims.iat(), claims.exp()));
            assertTrue(vids.add(claims.vid()), "two venues share " + claims.vid());
        }
        assertTrue(running.sim.keySet().toJson().toString().contains(
                new VenueCodeCodec().parse(venues.get(0).path("venueCode").asText()).kid()));
    }

    @Test
    void aVisitIsKeptOnceHoweverOftenItIsDelivered() throws Exception {
        running = RunningSimulator.start("--venues", "2");
        String vid = running.sim.venues().all().get(0).vid();

        RunningSimulator.Answer first = deliver("vs-1", vid, VISITOR);
        RunningSimulator.Answer again = deliver("vs-1", vid, VISITOR);
        RunningSimulator.Answer other = deliver("vs-2", vid, OTHER_VISITOR);

        assertEquals(204, first.status(), first.body());
        assertEquals(204, again.status(), again.body());
        assertEquals(204, other.status(), other.body());
        JsonNode visits = visits(vid);
        assertEquals(2, visits.size());
        assertEquals("vs-1", visits.get(0).path("scanId").asText());
        assertEquals(VISITOR, visits.get(0).path("subject").asText());
        assertEquals("2026-11-27T08:15:30Z", visits.get(0).path("at").asText());
        assertEquals("ENTRY", visits.get(0).path("direction").asText());
        assertEquals("ymt:member:310000", visits.get(0).path("reportedBy").asText());
        assertEquals(0, visits(running.sim.venues().all().get(1).vid()).size());
    }

    @Test
    void aMalformedRecordIsRefusedWithAProblemAndNothingIsKept() throws Exception {
        running = RunningSimulator.start("--venues", "1");
        String vid = running.sim.venues().all().get(0).vid();

        RunningSimulator.Answer idNumber = deliver("vs-1", vid, "11010519491231002X");
        RunningSimulator.Answer noSubject = running.post("/member/v1/venue-scans",
                "{\"scanId\":\"vs-2\",\"vid\":\"" + vid + "\",\"at\":\"2026-11-27T08:15:30Z\",\"direction\":\"ENTRY\","
                        + "\"reportedBy\":\"ymt:member:310000\"}",
                Map.of());
        RunningSimulator.Answer otherScanId = running.post("/member/v1/venue-scans", scan("vs-3", vid, VISITOR),
                Map.of("Ymt-Scan-Id", "vs-4"));
        RunningSimulator.Answer sideways = running.post("/member/v1/venue-scans",
                scan("vs-5", vid, VISITOR).replace("ENTRY", "SIDEWAYS"), Map.of());

        for (RunningSimulator.Answer answer : List.of(idNumber, noSubject, otherScanId, sideways)) {
            assertEquals(400, answer.status(), answer.body());
            assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
        }
        assertFalse(idNumber.body().contains("11010519491231002X"), idNumber.body());
        assertEquals(0, visits(vid).size());
    }

    @Test
    void aVisitToAVenueThePlatformDoesNotHaveIsNotFound() throws Exception {
        running = RunningSimulator.start("--venues", "1");

        RunningSimulator.Answer answer = deliver("vs-1", "no-such-venue", VISITOR);

        assertEquals(404, answer.status(), answer.body());
        assertEquals(0, running.sim.venues().visitCount());
        assertEquals(404, running.get("/sim/venues/no-such-venue/visits").status());
    }

    @Test
    void everyVisitorOfAnExposureSiteIsListedYellowInTheNextBatchWhichStillVerifies() throws Exception {
        running = RunningSimulator.startWithTestKey("--venues", "2", "--residents", "50");
        String exposed = running.sim.venues().all().get(0).vid();
        String elsewhere = running.sim.venues().all().get(1).vid();
        String ownGreen = running.pseudonym(1, RunningSimulator.LIST_KEY);
        String ownRed = running.pseudonym(3, RunningSimulator.LIST_KEY);
        deliver("vs-1", exposed, VISITOR);
        deliver("vs-2", exposed, VISITOR);
        deliver("vs-3", exposed, ownGreen);
        deliver("vs-4", exposed, ownRed);
        deliver("vs-5", elsewhere, OTHER_VISITOR);
        ListPublication.Batch before = running.sim.publish("none", LocalDate.of(2026, 11, 27)).pushed();

        RunningSimulator.Answer marked = running.post("/sim/venues/" + exposed + "/exposure", "{}");
        ListPublication.Batch after = running.sim.publish("none", LocalDate.of(2026, 11, 27)).pushed();

        assertEquals(200, marked.status(), marked.body());
        assertEquals(3, marked.json().path("contacts").asInt());
        assertEquals(1, marked.json().path("residentsTurnedYellow").asInt());
        Map<String, ListEntry> listed = after.entries().stream()
                .collect(Collectors.toMap(ListEntry::sub, e -> e));
        assertEquals(after.entries().size(), listed.size(), "a subject listed twice");
        assertEquals(Colour.YELLOW, listed.get(VISITOR).col());
        assertEquals(Venues.CONTACT_REASON, listed.get(VISITOR).reason());
        assertEquals(running.sim.options().region(), listed.get(VISITOR).rgn());
        assertEquals(Colour.YELLOW, listed.get(ownGreen).col(), "the platform's own resident is a contact too");
        assertEquals(Colour.RED, listed.get(ownRed).col(), "a RED listing outranks being a contact");
        assertFalse(listed.containsKey(OTHER_VISITOR), "a visitor of a venue that is no exposure site");
        assertFalse(before.entries().stream().anyMatch(e -> e.sub().equals(VISITOR)));
        assertEquals(before.entries().size() + 2, after.entries().size());
        assertEquals(Colour.YELLOW, running.sim.population().byNumber(1).orElseThrow().colour());
        BatchSignature.verify(after.signature(), after.manifest(), running.sim.keySet());
        assertEquals(CanonicalBatch.digest(after.entries(), BatchDigest.SM3), after.manifest().digest());
        assertEquals(after.entries().size(), after.manifest().count());
        assertTrue(running.get("/sim/venues").body().contains("exposedSince"));
    }

    @Test
    void laterVisitorsOfAnExposureSiteAreContactsToo() throws Exception {
        running = RunningSimulator.start("--venues", "1");
        String vid = running.sim.venues().all().get(0).vid();
        assertEquals(200, running.post("/sim/venues/" + vid + "/exposure", "{}").status());

        deliver("vs-9", vid, OTHER_VISITOR);

        assertEquals(List.of(OTHER_VISITOR),
                running.sim.venues().contacts("310000").stream().map(ListEntry::sub).toList());
        assertEquals(404, running.post("/sim/venues/nowhere/exposure", "{}").status());
    }

    @Test
    void withoutVenuesNothingChangesInTheBatch() throws Exception {
        running = RunningSimulator.start();

        assertEquals(0, running.get("/sim/venues").json().path("venues").size());
        assertEquals(404, deliver("vs-1", "310000-venue-1", VISITOR).status());
        assertFalse(running.get("/.well-known/yimatong").body().contains("venue-scans"));
    }
}
