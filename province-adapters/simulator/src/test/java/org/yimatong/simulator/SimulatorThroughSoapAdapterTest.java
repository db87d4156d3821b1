package org.yimatong.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.yimatong.adapters.StandardAdapters;
import org.yimatong.adapters.spi.AdapterContext;
import org.yimatong.adapters.spi.Credentials;
import org.yimatong.adapters.spi.ListKeySource;
import org.yimatong.schemas.crypto.Base64Url;
import org.yimatong.schemas.dictionary.AnswerSource;
import org.yimatong.schemas.dictionary.ReasonCode;
import org.yimatong.schemas.dictionary.VerificationStatus;
import org.yimatong.schemas.payload.AppealAcknowledgement;
import org.yimatong.schemas.payload.AppealGround;
import org.yimatong.schemas.payload.AppealRequest;
import org.yimatong.schemas.payload.GreenLookupRequest;
import org.yimatong.schemas.payload.GreenLookupResult;
import org.yimatong.schemas.payload.PayloadJson;
import org.yimatong.schemas.payload.VerificationResult;

/**
 * The simulator started with {@code --soap-app-id} is a legacy platform behind a SOAP gateway: the {@code soap-md5}
 * adapter, as the hub uses it, passes the contract every dialect owes against it, on a loopback port, with the
 * daily MD5 password; a wrong app id is refused the way the gateway refuses (ResultCode 1001).
 */
class SimulatorThroughSoapAdapterTest extends SimulatorBehindAdapterTest {

    private static final String APP_ID = "ymt-hub-yrd";

    @Override
    protected String[] simulatorArguments() {
        return new String[]{ "--region", region(), "--soap-app-id", APP_ID, "--admin-port", "-1", "--list-key",
                Base64Url.encode(RunningSimulator.LIST_KEY) };
    }

    @Override
    protected String member() {
        return "ymt:member:330000";
    }

    @Override
    protected String region() {
        return "330000";
    }

    @Override
    protected String dialect() {
        return "soap-md5";
    }

    @Override
    protected Credentials credentials() {
        return new Credentials(APP_ID, "");
    }

    @Override
    protected Credentials wrongCredentials() {
        return new Credentials("someone-else", "");
    }

    /** The real clock (the simulator checks the password of today) and the list key the simulator was given. */
    @Override
    protected AdapterContext context() {
        return AdapterContext.standard(Clock.systemUTC())
                .withListKeys(ListKeySource.fixed(RunningSimulator.LIST_KEY));
    }

    @Test
    void answersAreLiveFromThisHome() {
        VerificationResult result = await(adapter(endpoint()).verify(
                request(running.sim.code(3)), FORWARDING));

        assertEquals(VerificationStatus.RED, result.status());
        assertEquals(AnswerSource.LIVE, result.source());
        assertEquals(member(), result.home());
    }

    @Test
    void adapterTurnsTheGatewaysIdNumberIntoTheResidentsListPseudonym() throws Exception {
        for (int n = 1; n <= 5; n++) {
            VerificationResult result = await(adapter(endpoint()).verify(request(running.sim.code(n)), FORWARDING));

            assertEquals(running.pseudonym(n, RunningSimulator.LIST_KEY), result.listSub(), "resident " + n);
            String id = running.sim.population().byNumber(n).orElseThrow().idNumber().value();
            String wire = PayloadJson.mapper().writeValueAsString(result) + result;
            assertFalse(wire.contains(id.substring(0, 17)), "the result carries the ID number of resident " + n);
        }
    }

    @Test
    void withoutAListKeyTheAnswerComesWithoutListSub() {
        VerificationResult result = await(StandardAdapters.registry()
                .adapterFor(endpoint(), AdapterContext.standard(Clock.systemUTC()))
                .verify(request(running.sim.code(3)), FORWARDING));

        assertEquals(VerificationStatus.RED, result.status());
        assertNull(result.listSub());
    }

    @Test
    void aCodeOfAnotherIssuerIsNotFoundAtThisHome() throws IOException {
        try (RunningSimulator other = RunningSimulator.start("--region", "340000", "--admin-port", "-1")) {
            VerificationResult result = await(adapter(endpoint()).verify(
                    request(other.sim.code(1)), FORWARDING));

            assertEquals(VerificationStatus.UNKNOWN, result.status());
            assertEquals(ReasonCode.NOT_FOUND_AT_HOME, result.reason());
        }
    }

    @Test
    void greenLookupAndAppealGoThroughTheGateway() {
        String sub = running.pseudonym(2, RunningSimulator.LIST_KEY);

        GreenLookupResult lookup = await(adapter(endpoint()).greenLookup(new GreenLookupRequest(sub, region(), true),
                FORWARDING));
        AppealAcknowledgement ack = await(adapter(endpoint()).submitAppeal("apl-1",
                new AppealRequest(sub, region(), AppealGround.OTHER, "Colour looks wrong.", null), FORWARDING));

        assertEquals(VerificationStatus.YELLOW, lookup.status());
        assertTrue(ack.homeReference().startsWith("330000-SOAP-"), ack.homeReference());
    }
}
