package org.yimatong.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yimatong.adapters.spi.AdapterContext;
import org.yimatong.adapters.spi.Credentials;
import org.yimatong.adapters.spi.MemberProblem;
import org.yimatong.schemas.crypto.Base64Url;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.AnswerSource;
import org.yimatong.schemas.dictionary.VerificationStatus;
import org.yimatong.schemas.payload.AppealAcknowledgement;
import org.yimatong.schemas.payload.AppealGround;
import org.yimatong.schemas.payload.AppealRequest;
import org.yimatong.schemas.payload.GreenLookupRequest;
import org.yimatong.schemas.payload.GreenLookupResult;
import org.yimatong.schemas.payload.VerificationResult;
import org.yimatong.schemas.problem.ProblemType;

/**
 * The simulator is a v1 member: the {@code v1} adapter, as the hub uses it, passes the contract every dialect owes
 * against it; "wrong credentials" is a client assertion the simulator does not accept (it is started with
 * {@code --require-client-assertion} and the hub's key set).
 */
class SimulatorThroughV1AdapterTest extends SimulatorBehindAdapterTest {

    static final Jwk HUB_KEY = Jwk.generate(SignatureProfile.SM2);
    static final Jwk STRANGER_KEY = Jwk.generate(SignatureProfile.SM2);
    @TempDir
    Path dir;

    @Override
    protected String[] simulatorArguments() throws IOException {
        Path hubJwks = dir.resolve("hub-jwks.json");
        Files.writeString(hubJwks, new JwkSet(List.of(HUB_KEY)).publicOnly().toJson().toString());
        return new String[]{ "--region", region(), "--hub-id", "ymt:hub:yrd", "--require-client-assertion",
                "--hub-jwks-file", hubJwks.toString(), "--admin-port", "-1", "--list-key",
                Base64Url.encode(RunningSimulator.LIST_KEY) };
    }

    @Override
    protected String member() {
        return "ymt:member:310000";
    }

    @Override
    protected String region() {
        return "310000";
    }

    @Override
    protected String dialect() {
        return "v1";
    }

    @Override
    protected Credentials credentials() {
        return Credentials.NONE;
    }

    @Override
    protected Credentials wrongCredentials() {
        return new Credentials("stranger", "");
    }

    /** The hub's client assertion, signed by the hub's key, or by a stranger's for the wrong credentials. */
    @Override
    protected AdapterContext context() {
        return AdapterContext.standard(Clock.systemUTC()).withCallerHeaders(endpoint -> Map.of(
                "Ymt-Client-Assertion", new HubClient(endpoint.baseUrl(), endpoint.member(), "ymt:hub:yrd",
                        endpoint.credentials().id().isEmpty() ? HUB_KEY : STRANGER_KEY, Clock.systemUTC())
                        .clientAssertion()));
    }

    @Test
    void answersAreLiveFromThisHome() {
        var result = await(adapter(endpoint()).verify(request(running.sim.code(3)), FORWARDING));

        assertEquals(VerificationStatus.RED, result.status());
        assertEquals(AnswerSource.LIVE, result.source());
        assertEquals(member(), result.home());
        assertEquals(60, Duration.between(result.checkedAt(), result.validUntil()).toSeconds());
    }

    @Test
    void listSubOfTheAnswerIsTheResidentsPseudonymUnderTheListKey() {
        for (int n = 1; n <= 5; n++) {
            VerificationResult result = await(adapter(endpoint()).verify(request(running.sim.code(n)), FORWARDING));

            assertEquals(running.pseudonym(n, RunningSimulator.LIST_KEY), result.listSub(), "resident " + n);
            assertNotEquals(running.sim.population().byNumber(n).orElseThrow().codeSubject(), result.listSub());
        }
    }

    @Test
    void expiredCodeIsRelayedAsTheMembersRefusal() {
        String expired = running.sim.code(1, Instant.now().minusSeconds(300));

        MemberProblem problem = failure(adapter(endpoint()).verify(request(expired), FORWARDING));

        assertEquals(MemberProblem.Kind.REFUSED, problem.kind());
        assertEquals(ProblemType.CODE_EXPIRED, problem.type());
    }

    @Test
    void errorRateOneIsAServerError() {
        running.sim.setFaults(Faults.NONE.withErrorRate(1.0));

        MemberProblem problem = failure(ask(adapter(endpoint())));

        assertEquals(MemberProblem.Kind.SERVER_ERROR, problem.kind());
    }

    @Test
    void downMemberIsUnavailable() {
        running.sim.setFaults(Faults.NONE.withDown(true));

        MemberProblem problem = failure(ask(adapter(endpoint())));

        assertEquals(MemberProblem.Kind.UNAVAILABLE, problem.kind());
    }

    @Test
    void keySetThroughTheAdapterIsThePublishedOne() {
        JwkSet keys = await(adapter(endpoint()).keySet());

        assertEquals(running.sim.keySet(), keys);
    }

    @Test
    void greenLookupThroughTheAdapterAnswersTheResidentsColour() {
        String sub = running.pseudonym(2, RunningSimulator.LIST_KEY);

        GreenLookupResult result = await(adapter(endpoint()).greenLookup(new GreenLookupRequest(sub, "310000", true),
                FORWARDING));

        assertEquals(VerificationStatus.YELLOW, result.status());
        assertEquals(AnswerSource.LIVE, result.source());
    }

    @Test
    void appealThroughTheAdapterIsAcknowledged() {
        String sub = running.pseudonym(3, RunningSimulator.LIST_KEY);

        AppealAcknowledgement ack = await(adapter(endpoint()).submitAppeal("appeal-1",
                new AppealRequest(sub, "310000", AppealGround.WRONG_COLOUR, "Tested negative twice.", null),
                FORWARDING));

        assertEquals("310000-appeal-1", ack.homeReference());
    }
}
