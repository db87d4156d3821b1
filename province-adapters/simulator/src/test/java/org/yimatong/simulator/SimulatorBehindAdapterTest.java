package org.yimatong.simulator;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.yimatong.adapters.spi.Forwarding;
import org.yimatong.adapters.spi.MemberAdapter;
import org.yimatong.adapters.spi.MemberAdapterContractTest;
import org.yimatong.adapters.spi.MemberEndpoint;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.dictionary.VerificationStatus;
import org.yimatong.schemas.payload.VerificationRequest;

/**
 * The contract every dialect owes, played against a real simulator on a loopback port instead of WireMock: where
 * WireMock would be told to misbehave, the simulator's faults are switched on, and the code asked about is a
 * resident's of the wanted colour (residents 1, 2, 3 are GREEN, YELLOW, RED).
 */
abstract class SimulatorBehindAdapterTest extends MemberAdapterContractTest {

    static final Forwarding FORWARDING = new Forwarding(6, List.of("ymt:member:620000", "ymt:hub:national"));

    RunningSimulator running;
    String code;

    /** The simulator's command line for this dialect. */
    protected abstract String[] simulatorArguments() throws IOException;

    @BeforeEach
    void startSimulator() throws IOException {
        running = RunningSimulator.start(simulatorArguments());
        code = running.sim.code(1);
    }

    @AfterEach
    void stopSimulator() {
        running.close();
    }

    @Override
    protected MemberEndpoint endpoint() {
        return new MemberEndpoint(member(), region(), dialect(), running.sim.baseUrl(), credentials(),
                Duration.ofSeconds(5), options());
    }

    @Override
    protected void stubColour(Colour colour) {
        code = running.sim.code(colour.ordinal() + 1);
    }

    @Override
    protected void stubMalformed() {
        running.sim.setFaults(Faults.NONE.withMalformedAnswers(true));
    }

    @Override
    protected void stubCredentialsRefused() {
        // the simulator refuses wrong credentials by itself
    }

    @Override
    protected void stubSlow(Duration delay) {
        running.sim.setFaults(Faults.NONE.withLatencyMs(delay.toMillis()));
    }

    @Override
    protected CompletionStage<VerificationStatus> ask(MemberAdapter adapter) {
        return adapter.verify(request(code), FORWARDING).thenApply(r -> r.status());
    }

    static VerificationRequest request(String code) {
        return new VerificationRequest(code, new VerificationRequest.Checkpoint("gate-7", "620102", "STATION"),
                "station-entry");
    }
}
