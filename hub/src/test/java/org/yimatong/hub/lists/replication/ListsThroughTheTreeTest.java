package org.yimatong.hub.lists.replication;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimatong.hub.lists.ListBatches.entry;
import static org.yimatong.hub.lists.ListBatches.sub;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.inject.Inject;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimatong.hub.lists.ListBatches;
import org.yimatong.hub.memberapi.FakeFederation;
import org.yimatong.hub.memberapi.Federation;
import org.yimatong.hub.memberapi.InjectFederation;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.batch.BatchDigest;
import org.yimatong.schemas.batch.BatchManifest;
import org.yimatong.schemas.batch.BatchRelaySignature;
import org.yimatong.schemas.batch.BatchSignature;
import org.yimatong.schemas.batch.CanonicalBatch;
import org.yimatong.schemas.batch.ListEntry;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Every hub holds the whole federation's lists (REQ-LIST-12): batches of this hub's subtree go up to the parent
 * with this hub's countersignature, the parent's change feed comes down, and green lookups are answered from this
 * hub's own state, also while the parent is down. What came up through a child hub never goes back down to it.
 */
@QuarkusTest
class ListsThroughTheTreeTest {

    private static final String PARENT_BATCHES = FakeFederation.PARENT_PATH + "/v1/lists/batches";
    private static final String PARENT_CHANGES = FakeFederation.PARENT_PATH + "/v1/lists/changes";
    /** A member of this hub's, with a list of its own. */
    private static final String GUIZHOU = "ymt:member:521000";
    private static final Jwk GUIZHOU_KEY = Jwk.generate(SignatureProfile.EDDSA);
    /** A platform under the child hub east: this hub does not hold its keys. */
    private static final String HENAN = "ymt:member:410000";
    private static final Jwk HENAN_KEY = Jwk.generate(SignatureProfile.SM2);

    @InjectFederation
    WireMockServer wm;

    @Inject
    BatchRelay relay;

    @Inject
    ParentFeedFollower follower;

    @BeforeEach
    void givenAMemberAChildHubAndAParent() {
        wm.resetAll();
        Federation.registerMembers(wm);
        Federation.registerChildHub(wm);
        TestMembers.register(GUIZHOU, wm.baseUrl() + "/m521000", GUIZHOU_KEY, "5210");
        wm.stubFor(post(urlPathEqualTo(PARENT_BATCHES)).willReturn(aResponse().withStatus(201)));
    }

    @Test
    void aMembersBatchGoesUpWithTheMembersSignatureAndThisHubsCountersignature() throws Exception {
        List<ListEntry> entries = List.of(entry(sub("relay-red"), Colour.RED, "521001"),
                entry(sub("relay-yellow"), Colour.YELLOW, "521002"));
        LocalDate day = LocalDate.now();
        String tag = "relay-" + Instant.now().toEpochMilli();
        String signature = ListBatches.sign(GUIZHOU_KEY, GUIZHOU, tag, day, entries);
        ListBatches.upload(GUIZHOU_KEY, GUIZHOU, tag, day, signature, ListBatches.ndjson(entries)).statusCode(201);

        assertTrue(relay.relayPending() >= 1);

        List<LoggedRequest> sent = wm.findAll(postRequestedFor(urlPathEqualTo(PARENT_BATCHES))
                .withQueryParam("member", equalTo(GUIZHOU)).withQueryParam("batchTag", equalTo(tag)));
        assertEquals(1, sent.size());
        LoggedRequest up = sent.get(0);
        assertEquals(signature, up.getHeader("Ymt-Batch-Signature"), "the member's own signature travels unchanged");
        assertEquals(new String(CanonicalBatch.canonicalBytes(entries), StandardCharsets.UTF_8), up.getBodyAsString());
        String relays = up.getHeader("Ymt-Batch-Relays");
        assertTrue(relays.startsWith(TestMembers.HUB_ID + "="), relays);
        BatchManifest manifest = new BatchManifest(GUIZHOU, tag, day, 2,
                CanonicalBatch.digest(entries, BatchDigest.forProfile(SignatureProfile.EDDSA)));
        BatchRelaySignature.verify(relays.substring(relays.indexOf('=') + 1), manifest, hubKeys());
        assertTrue(up.containsHeader("Ymt-Client-Assertion"));

        assertEquals(0, relay.relayPending(), "a relayed batch is not sent twice");
    }

    @Test
    void theParentsChangesAreAnsweredHereAlsoWhileTheParentIsDown() throws Exception {
        String far = sub("listed-far-away-" + Instant.now().toEpochMilli());
        wm.stubFor(get(urlPathEqualTo(PARENT_CHANGES)).atPriority(5).willReturn(okPage("[]", "c-end", false)));
        wm.stubFor(get(urlPathEqualTo(PARENT_CHANGES)).withQueryParam("after", absent())
                .atPriority(1).willReturn(okPage("""
                        [{"seq":41,"op":"ADDED","sub":"%s","rgn":"710101","col":"YELLOW","since":"2026-01-01T00:00:00Z",
                          "until":"2099-01-01T00:00:00Z","reason":"close-contact","member":"ymt:member:710000",
                          "batchTag":"tw-1","recordedAt":"2026-12-07T00:00:00Z"}]""".formatted(far), "c-41", false)));

        follower.follow();

        lookup(far, "710101").statusCode(200).body("status", Matchers.equalTo("YELLOW"))
                .body("source", Matchers.equalTo("LIST")).body("home", Matchers.equalTo("ymt:member:710000"));
        wm.resetAll();
        Federation.registerMembers(wm);
        wm.stubFor(get(urlPathEqualTo(PARENT_CHANGES)).willReturn(aResponse().withStatus(503)));
        lookup(far, "710101").statusCode(200).body("status", Matchers.equalTo("YELLOW"));
        // the next read resumes at the stored cursor
        wm.stubFor(get(urlPathEqualTo(PARENT_CHANGES)).withQueryParam("after", equalTo("c-41"))
                .willReturn(okPage("[]", "c-41", false)));
        follower.follow();
        wm.verify(getRequestedFor(urlPathEqualTo(PARENT_CHANGES)).withQueryParam("after", equalTo("c-41")));
    }

    @Test
    void aBatchRelayedByAChildHubIsNotSentBackToIt() {
        List<ListEntry> entries = List.of(entry(sub("henan-red"), Colour.RED, "410101"));
        LocalDate day = LocalDate.now();
        String tag = "henan-" + Instant.now().toEpochMilli();
        String memberSignature = ListBatches.sign(HENAN_KEY, HENAN, tag, day, entries);
        BatchManifest manifest = new BatchManifest(HENAN, tag, day, 1,
                CanonicalBatch.digest(entries, BatchDigest.forProfile(SignatureProfile.SM2)));
        String countersignature = BatchRelaySignature.sign(manifest, Federation.EAST_KEY);
        String before = ListBatches.endOfFeed(Federation.CALLER_KEY, Federation.CALLER);

        relayed(Federation.EAST_KEY, Federation.EAST, tag, day, memberSignature,
                Federation.EAST + "=" + countersignature, entries).statusCode(201);

        lookup(sub("henan-red"), "410101").statusCode(200).body("status", Matchers.equalTo("RED"))
                .body("home", Matchers.equalTo(HENAN));
        assertEquals(1, ListBatches.changesOf(Federation.CALLER_KEY, Federation.CALLER, before, HENAN).size());
        assertEquals(0, ListBatches.changesOf(Federation.EAST_KEY, Federation.EAST, before, HENAN).size(),
                "the child hub that relayed it is not sent it back");
        // while a list from outside its subtree does reach it
        List<ListEntry> fromGuizhou = List.of(entry(sub("guizhou-for-east"), Colour.RED, "521002"));
        String gzTag = "gz-east-" + Instant.now().toEpochMilli();
        ListBatches.upload(GUIZHOU_KEY, GUIZHOU, gzTag, day, ListBatches.sign(GUIZHOU_KEY, GUIZHOU, gzTag, day,
                fromGuizhou), ListBatches.ndjson(fromGuizhou)).statusCode(201);
        assertEquals(1, ListBatches.changesOf(Federation.EAST_KEY, Federation.EAST, before, GUIZHOU).size());
        given().header("Ymt-Client-Assertion", TestMembers.assertion(Federation.EAST_KEY, Federation.EAST))
                .queryParam("member", HENAN).when().get("/v1/lists/batches/" + tag + "/provenance")
                .then().statusCode(200).body("signature", Matchers.equalTo(memberSignature));
    }

    @Test
    void aRelayIsRefusedWhenItsCountersignatureIsNotTheSendersOrTheListIsNotItsSubtrees() {
        List<ListEntry> entries = List.of(entry(sub("forged"), Colour.RED, "410102"));
        LocalDate day = LocalDate.now();
        BatchManifest manifest = new BatchManifest(HENAN, "forged-1", day, 1,
                CanonicalBatch.digest(entries, BatchDigest.forProfile(SignatureProfile.SM2)));
        String memberSignature = BatchSignature.sign(manifest, HENAN_KEY);
        Jwk stranger = Jwk.generate(SignatureProfile.SM2);

        relayed(Federation.EAST_KEY, Federation.EAST, "forged-1", day, memberSignature,
                Federation.EAST + "=" + BatchRelaySignature.sign(manifest, stranger), entries).statusCode(400);
        // a platform relays nothing
        relayed(Federation.CALLER_KEY, Federation.CALLER, "forged-1", day, memberSignature,
                Federation.CALLER.replace("member", "hub") + "=" + BatchRelaySignature.sign(manifest, stranger),
                entries).statusCode(403);
        // a direct member of this hub uploads its own list: a child hub may not relay one for it
        List<ListEntry> guizhou = List.of(entry(sub("forged-gz"), Colour.RED, "521003"));
        // signed by Guizhou itself and countersigned by the child: the subtree rule is the only fault
        BatchManifest gz = new BatchManifest(GUIZHOU, "forged-2", day, 1,
                CanonicalBatch.digest(guizhou, BatchDigest.forProfile(SignatureProfile.EDDSA)));
        relayed(Federation.EAST_KEY, Federation.EAST, "forged-2", day, BatchSignature.sign(gz, GUIZHOU_KEY),
                Federation.EAST + "=" + BatchRelaySignature.sign(gz, Federation.EAST_KEY), guizhou)
                .statusCode(403).contentType("application/problem+json")
                .body("type", Matchers.endsWith("/forbidden"));

        lookup(sub("forged"), "410102").statusCode(200).body("status", Matchers.equalTo("GREEN"));
        lookup(sub("forged-gz"), "521003").statusCode(200).body("status", Matchers.equalTo("GREEN"));
    }

    private static ValidatableResponse relayed(Jwk senderKey, String sender, String tag, LocalDate day,
            String memberSignature, String relays, List<ListEntry> entries) {
        String owner = tag.startsWith("forged-2") ? GUIZHOU : HENAN;
        return given().header("Ymt-Client-Assertion", TestMembers.assertion(senderKey, sender))
                .header("Ymt-Batch-Signature", memberSignature)
                .header("Ymt-Batch-Relays", relays)
                .contentType("application/x-ndjson")
                .queryParam("member", owner).queryParam("batchTag", tag).queryParam("day", day.toString())
                .body(ListBatches.ndjson(entries).getBytes(StandardCharsets.UTF_8))
                .when().post("/v1/lists/batches").then();
    }

    private static ValidatableResponse lookup(String sub, String rgn) {
        return Federation.asCaller().body("{\"sub\":\"" + sub + "\",\"rgn\":\"" + rgn + "\"}")
                .when().post("/v1/green-lookups").then();
    }

    private static JwkSet hubKeys() {
        return JwkSet.parse(given().when().get("/v1/jwks").then().statusCode(200).extract().asString());
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okPage(String changes, String next,
            boolean hasMore) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"changes\":" + changes + ",\"next\":\"" + next + "\",\"hasMore\":" + hasMore + "}");
    }
}
