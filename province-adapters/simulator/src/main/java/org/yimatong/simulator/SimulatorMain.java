package org.yimatong.simulator;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar ymt-member-simulator.jar [options]}: starts a {@link MemberSimulator}, prints
 * {@code simulator <entity id> listening on http://127.0.0.1:<port>} when ready (and the admin listener's line),
 * and runs until stopped (SIGTERM/SIGINT close it). Exit code 2 for a bad command line, 1 if it cannot start.
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SimulatorOptions options;
        try {
            options = SimulatorOptions.parse(args);
        } catch (SimulatorOptions.UsageException e) {
            boolean help = e.getMessage().isEmpty();
            if (!help) {
                System.err.println("simulator: " + e.getMessage());
            }
            (help ? System.out : System.err).print(SimulatorOptions.USAGE);
            System.exit(help ? 0 : 2);
            return;
        }
        MemberSimulator simulator;
        try {
            simulator = MemberSimulator.start(options);
        } catch (IOException | RuntimeException e) {
            System.err.println("simulator " + options.entityId() + ": cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "ymt-sim-shutdown"));
        System.out.println("simulator " + simulator.entityId() + " listening on " + simulator.baseUrl()
                + (simulator.listening() ? "" : " (down: connection refused until POST /sim/faults {\"down\":false})"));
        if (simulator.adminPort() >= 0) {
            System.out.println("simulator " + simulator.entityId() + " admin on http://127.0.0.1:"
                    + simulator.adminPort() + "/sim/");
        }
        System.out.flush();
        stopped.await();
    }
}
