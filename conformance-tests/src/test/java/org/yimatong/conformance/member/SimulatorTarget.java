package org.yimatong.conformance.member;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.yimatong.conformance.config.ConfigFile;
import org.yimatong.conformance.config.RunConfig;
import org.yimatong.conformance.counterpart.Counterpart;
import org.yimatong.conformance.engine.Plan;
import org.yimatong.conformance.engine.PlanRunner;
import org.yimatong.conformance.engine.RunResult;
import org.yimatong.conformance.plans.Plans;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkFiles;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.simulator.Faults;
import org.yimatong.simulator.MemberSimulator;
import org.yimatong.simulator.SimulatorOptions;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One member simulator for the whole test JVM, set up as a member under test would be: it trusts the suite's hub
 * key (a fixed key file, so every run signs with the same key), requires client assertions, pushes its batches to
 * the counterpart's port, and exposes its {@code /sim} paths as the fixture API. Tests that change its faults put
 * them back with {@link #healthy()}.
 */
public final class SimulatorTarget {

    public static final String MEMBER = "ymt:member:310000";
    public static final String HUB = "ymt:hub:yrd";

    private static SimulatorTarget shared;

    private final Path folder;
    private final MemberSimulator simulator;
    private final Path configFile;

    private SimulatorTarget() throws IOException {
        folder = Files.createTempDirectory("ymt-conformance-");
        Path hubKey = folder.resolve("hub-key.json");
        Jwk key = JwkFiles.loadOrCreate(hubKey, SignatureProfile.SM2);
        Path hubJwks = folder.resolve("hub-jwks.json");
        Files.writeString(hubJwks, new JwkSet(List.of(key)).publicOnly().toJson().toString());
        int counterpartPort = freePort();
        simulator = MemberSimulator.start(SimulatorOptions.parse("--region", "310000", "--port", "0",
                "--admin-port", "0", "--hub-id", HUB, "--hub-url", "http://127.0.0.1:" + counterpartPort,
                "--require-client-assertion", "--hub-jwks-file", hubJwks.toString(), "--residents", "20",
                "--seed", "7", "--venues", "2"));
        configFile = folder.resolve("config.json");
        Files.writeString(configFile, config(counterpartPort, simulator.adminPort()).toPrettyString());
    }

    /** The simulator every test class shares, started on first use. */
    public static synchronized SimulatorTarget shared() {
        if (shared == null) {
            try {
                shared = new SimulatorTarget();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    private static ObjectNode config(int counterpartPort, int adminPort) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        ObjectNode target = json.putObject("target");
        target.put("entityId", MEMBER);
        target.put("requiresClientAssertion", true);
        target.put("allowPlainHttp", true);
        ObjectNode counterpart = json.putObject("counterpart");
        counterpart.put("entityId", HUB);
        counterpart.put("keyFile", "hub-key.json");
        counterpart.put("port", counterpartPort);
        ObjectNode fixtures = json.putObject("fixtures");
        fixtures.put("baseUrl", "http://127.0.0.1:" + adminPort + "/sim");
        fixtures.put("agedCodes", true);
        fixtures.put("listPublication", true);
        fixtures.put("venues", true);
        fixtures.put("dependantCodes", true);
        ObjectNode timeouts = json.putObject("timeouts");
        timeouts.put("testSeconds", 30);
        timeouts.put("requestSeconds", 10);
        return json;
    }

    public MemberSimulator simulator() {
        return simulator;
    }

    public URI baseUrl() {
        return simulator.baseUrl();
    }

    public Path folder() {
        return folder;
    }

    /** The suite's configuration file for this simulator (relative key file, fixed counterpart port). */
    public Path configFile() {
        return configFile;
    }

    public RunConfig config() {
        try {
            return ConfigFile.read(Optional.of(configFile), Plan.MEMBER, baseUrl());
        } catch (ConfigFile.ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The member plan, run in-process against the simulator as it is now. */
    public RunResult runMemberPlan() {
        RunConfig config = config();
        try (Counterpart counterpart = Counterpart.start(config)) {
            return new PlanRunner(config, counterpart).run(Plans.tests(Plan.MEMBER));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void setFaults(Faults faults) {
        simulator.setFaults(faults);
    }

    public void healthy() {
        simulator.setFaults(Faults.NONE);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
