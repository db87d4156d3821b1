package org.yimatong.hub.lists;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.yimatong.hub.lists.ListBatches.entry;
import static org.yimatong.hub.lists.ListBatches.sub;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimatong.hub.lists.ListStateLookup.Listed;
import org.yimatong.hub.memberapi.Federation;
import org.yimatong.hub.memberapi.InjectFederation;
import org.yimatong.hub.testing.ParentHubMock;
import org.yimatong.hub.testing.ParentListKeys;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.code.CodeClaims;
import org.yimatong.schemas.code.DynamicCodeCodec;
import org.yimatong.schemas.crypto.HmacSm3;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.idnumber.ResidentIdNumber;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.smallrye.mutiny.Uni;

/**
 * A listed RED never comes out GREEN (REQ-VER-3), for codes as a conformant issuer makes them: the code's
 * {@code sub} is the issuer's own pseudonym ({@code HMAC-SM3(codeKey, id)}), which names no list entry; the
 * home's live answer names the list entry by {@code listSub} (REQ-VER-5), and only hubs ever see it.
 */
@QuarkusTest
class ListedStateTest {

    /** A home platform; each test that makes its home fail has one of its own, since a breaker would decide the next. */
    private record Home(String id, String prefix, Jwk key) {
        String api() {
            return "/m" + prefix + "00/member/v1/verifications";
        }

        String rgn(String tail) {
            return prefix + tail;
        }
    }

    private static final Home HOME = new Home("ymt:member:520900", "5209", Jwk.generate(SignatureProfile.SM2));
    private static final Home DOWN_HOME = new Home("ymt:member:521100", "5211", Jwk.generate(SignatureProfile.SM2));
    private static final Home BAD_HOME = new Home("ymt:member:521300", "5213", Jwk.generate(SignatureProfile.SM2));
    private static final String CHILD_HUB = "ymt:hub:south";
    private static final Jwk HUB_KEY = Jwk.generate(SignatureProfile.SM2);
    private static final byte[] CODE_KEY = random();
    private static final DynamicCodeCodec CODEC = new DynamicCodeCodec();

    @InjectFederation
    WireMockServer wm;

    @Inject
    ListStateLookup lookup;

    @BeforeEach
    void givenAHomePlatformThatListsOneResident() {
        ParentListKeys.stub(ParentHubMock.client());
        Federation.registerMembers(wm);
        for (Home home : List.of(HOME, DOWN_HOME, BAD_HOME)) {
            TestMembers.register(home.id(), wm.baseUrl() + "/m" + home.prefix() + "00", home.key(), home.prefix());
        }
        TestMembers.register(CHILD_HUB, "HUB", wm.baseUrl() + "/south", HUB_KEY, "ACTIVE", "5212");
    }

    @Test
    void aListedResidentsGreenCodeIsAnsweredRedByTheListPseudonymTheHomeGives() {
        ResidentIdNumber resident = madeUpResident("520102");
        String listSub = resident.pseudonym(ParentListKeys.current());
        ListBatches.upload(HOME.key(), HOME.id(), "merge-" + listSub.substring(0, 8), LocalDate.now(),
                List.of(entry(listSub, Colour.RED, HOME.rgn("01")))).statusCode(201);
        String code = code(HOME, resident);
        assertNotEquals(listSub, CODEC.decode(code).sub(), "the code's sub is the issuer's, not the list's");
        wm.stubFor(post(urlEqualTo(HOME.api())).willReturn(okJson(liveAnswer(HOME, "GREEN", listSub))));

        verify(Federation.asCaller(), code).statusCode(200)
                .body("status", Matchers.equalTo("RED"))
                .body("source", Matchers.equalTo("LIST"))
                .body("reason", Matchers.equalTo("LISTED"))
                .body("$", Matchers.not(Matchers.hasKey("listSub")));
    }

    @Test
    void onlyAHubIsToldTheListPseudonym() {
        ResidentIdNumber resident = madeUpResident("520103");
        String listSub = resident.pseudonym(ParentListKeys.current());
        wm.stubFor(post(urlEqualTo(HOME.api())).willReturn(okJson(liveAnswer(HOME, "GREEN", listSub))));

        verify(Federation.asCaller(), code(HOME, resident)).statusCode(200)
                .body("status", Matchers.equalTo("GREEN"))
                .body("$", Matchers.not(Matchers.hasKey("listSub")));
        verify(Federation.asMember(HUB_KEY, CHILD_HUB), code(HOME, resident)).statusCode(200)
                .body("status", Matchers.equalTo("GREEN"))
                .body("listSub", Matchers.equalTo(listSub));
    }

    @Test
    void withoutALiveAnswerNothingIsMergedAndTheAnswerIsUnknownFromNoSource() {
        ResidentIdNumber resident = madeUpResident("520104");
        String listSub = resident.pseudonym(ParentListKeys.current());
        ListBatches.upload(DOWN_HOME.key(), DOWN_HOME.id(), "down-" + listSub.substring(0, 8), LocalDate.now(),
                List.of(entry(listSub, Colour.RED, DOWN_HOME.rgn("02")))).statusCode(201);
        wm.stubFor(post(urlEqualTo(DOWN_HOME.api())).willReturn(aResponse().withStatus(503)));

        verify(Federation.asCaller(), code(DOWN_HOME, resident)).statusCode(200)
                .body("status", Matchers.equalTo("UNKNOWN"))
                .body("source", Matchers.equalTo("NONE"))
                .body("reason", Matchers.equalTo("HOME_UNAVAILABLE"));
    }

    @Test
    void aHomeAnswerWithAMalformedListSubIsABadAnswer() {
        ResidentIdNumber resident = madeUpResident("520105");
        wm.stubFor(post(urlEqualTo(BAD_HOME.api())).willReturn(okJson(liveAnswer(BAD_HOME, "GREEN",
                "NOT-A-PSEUDONYM"))));

        verify(Federation.asCaller(), code(BAD_HOME, resident)).statusCode(502)
                .body("type", Matchers.equalTo("https://yimatong.org/problems/member-bad-answer"));
    }

    @Test
    void lookupsReadTogetherEachGetTheirOwnSubjectsListing() {
        // a member of its own: a batch is its member's whole list, and the other tests' must stay as they are
        TestMembers.register("ymt:member:529900", "http://localhost:9/m5299", HOME.key(), "5299");
        ListBatches.upload(HOME.key(), "ymt:member:529900", "state-2", LocalDate.parse("2026-11-27"),
                List.of(entry(sub("batch-red"), Colour.RED, "529901"),
                        entry(sub("batch-yellow"), Colour.YELLOW, "529902"))).statusCode(201);
        List<String> asked = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            asked.add(sub(List.of("batch-red", "batch-yellow", "batch-none").get(i % 3)));
        }

        List<Optional<Listed>> answers = Uni.join().all(asked.stream().map(lookup::listingOf).toList())
                .andFailFast().await().atMost(Duration.ofSeconds(30));

        for (int i = 0; i < asked.size(); i++) {
            Optional<Colour> colour = answers.get(i).map(Listed::colour);
            assertEquals(switch (i % 3) {
                case 0 -> Optional.of(Colour.RED);
                case 1 -> Optional.of(Colour.YELLOW);
                default -> Optional.<Colour>empty();
            }, colour, "answer " + i);
        }
    }

    private static ValidatableResponse verify(io.restassured.specification.RequestSpecification as, String code) {
        return as.body(Federation.verificationRequest(code)).when().post("/v1/verifications").then();
    }

    /** A code as the home issues it: {@code sub} = HMAC-SM3 under the home's own code key. */
    private static String code(Home home, ResidentIdNumber resident) {
        Instant iat = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
        String sub = HexFormat.of().formatHex(HmacSm3.mac(CODE_KEY, resident.value().getBytes(
                StandardCharsets.US_ASCII)));
        return CODEC.encode(new CodeClaims(home.id(), sub, DynamicCodeCodec.newJti(), Colour.GREEN, home.rgn("01"), iat,
                iat.plusSeconds(60)), home.key());
    }

    private static String liveAnswer(Home home, String status, String listSub) {
        Instant now = Instant.now();
        return """
                {"status":"%s","home":"%s","source":"LIVE","checkedAt":"%s","validUntil":"%s","listSub":"%s"}"""
                .formatted(status, home.id(), now, now.plusSeconds(60), listSub);
    }

    /** A made-up resident ID number with a valid check character, drawn per run. */
    private static ResidentIdNumber madeUpResident(String region) {
        String digits = region + "1990" + "0" + (1 + new SecureRandom().nextInt(9)) + "1" + (1 + new SecureRandom()
                .nextInt(8))
                + String.format("%03d", new SecureRandom().nextInt(1000));
        return ResidentIdNumber.parse(digits + ResidentIdNumber.checkCharacter(digits));
    }

    private static byte[] random() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
