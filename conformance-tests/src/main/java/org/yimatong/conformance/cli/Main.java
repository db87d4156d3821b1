package org.yimatong.conformance.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.yimatong.conformance.config.ConfigFile;
import org.yimatong.conformance.config.RunConfig;
import org.yimatong.conformance.counterpart.Counterpart;
import org.yimatong.conformance.engine.Outcome;
import org.yimatong.conformance.engine.Plan;
import org.yimatong.conformance.engine.PlanRunner;
import org.yimatong.conformance.engine.RunResult;
import org.yimatong.conformance.engine.TestDefinition;
import org.yimatong.conformance.engine.TestResult;
import org.yimatong.conformance.http.RecordingHttp;
import org.yimatong.conformance.plans.Plans;
import org.yimatong.conformance.report.ReportWriter;
import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkFiles;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.payload.EntityConfiguration;
import org.yimatong.schemas.payload.validation.Patterns;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code java -jar ymt-conformance.jar --plan member|hub --base-url URL [--config FILE] [--key-file FILE] --out DIR}.
 * Exit codes: {@value #PASSED} every test passed (skips name an optional capability the target lacks),
 * {@value #FAILED} a test failed, {@value #CANNOT_RUN} the suite itself could not run (bad arguments or config,
 * target unreachable at start, output folder not writable, no tests in the plan, the member plan without a fixture
 * API).
 */
public final class Main {

    public static final int PASSED = 0;
    public static final int FAILED = 1;
    public static final int CANNOT_RUN = 2;

    /** The {@code --help} text, made by picocli from {@link Arguments}. */
    static final String USAGE = Arguments.commandLine(new Arguments()).getUsageMessage(Help.Ansi.OFF);

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line; never exits the JVM. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Arguments a;
        try {
            a = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("ymt-conformance: " + e.getMessage());
            err.print(USAGE);
            return CANNOT_RUN;
        }
        if (a.help) {
            out.print(USAGE);
            return PASSED;
        }
        if (a.list) {
            list(a.plan, out);
            return PASSED;
        }
        try {
            return execute(a, out);
        } catch (CannotRun e) {
            err.println("ymt-conformance: cannot run: " + e.getMessage());
            return CANNOT_RUN;
        }
    }

    private static int execute(Arguments a, PrintStream out) throws CannotRun {
        Plan plan = a.plan.orElseThrow();
        List<TestDefinition> tests = Plans.tests(plan);
        if (tests.isEmpty()) {
            throw new CannotRun("the " + plan.cliName() + " plan has no tests registered");
        }
        RunConfig config;
        try {
            config = ConfigFile.read(a.config, plan, a.baseUrl);
        } catch (ConfigFile.ConfigException e) {
            throw new CannotRun(e.getMessage());
        }
        if (plan == Plan.MEMBER && config.fixtures().isEmpty()) {
            throw new CannotRun("the member plan needs the target's test fixture API (fixtures.baseUrl in --config):"
                    + " without codes and tokens of known state most of its tests cannot run");
        }
        prepareOutput(a.out);
        Jwk runnerKey = runnerKey(a.keyFile);
        config = discover(config);
        RunResult result;
        try (Counterpart counterpart = startCounterpart(config)) {
            result = new PlanRunner(config, counterpart).run(tests);
        }
        try {
            ReportWriter.write(result, a.out, runnerKey);
        } catch (IOException e) {
            throw new CannotRun("cannot write the reports to " + a.out + ": " + e.getMessage());
        }
        summarise(result, a.out, out);
        return result.passed() ? PASSED : FAILED;
    }

    private static void list(Optional<Plan> only, PrintStream out) {
        for (Plan plan : Plan.values()) {
            if (only.isPresent() && only.get() != plan) {
                continue;
            }
            for (TestDefinition t : Plans.tests(plan)) {
                out.println(t.id() + "\t" + plan.cliName() + "\t" + String.join(",", t.requirements()) + "\t"
                        + (t.negative() ? "[negative] " : "") + t.title());
            }
        }
    }

    private static void prepareOutput(Path folder) throws CannotRun {
        try {
            Files.createDirectories(folder);
            Path probe = Files.createTempFile(folder, ".ymt-write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new CannotRun("the output folder " + folder + " is not writable (" + e.getMessage() + ")");
        }
    }

    private static Jwk runnerKey(Optional<Path> keyFile) throws CannotRun {
        if (keyFile.isEmpty()) {
            return Jwk.generate(SignatureProfile.SM2);
        }
        try {
            return JwkFiles.loadOrCreate(keyFile.get(), SignatureProfile.SM2);
        } catch (IOException e) {
            throw new CannotRun("runner key: " + e.getMessage());
        }
    }

    /**
     * Checks the target answers at all ({@code GET /.well-known/yimatong}, which members and hubs serve), takes its
     * entity id from there when the configuration does not give it, and whether it is a development deployment: only
     * such a target may be tested over plain http, and its report says so.
     */
    private static RunConfig discover(RunConfig config) throws CannotRun {
        URI wellKnown = URI.create(config.baseUrl() + "/.well-known/yimatong");
        HttpClient client = RecordingHttp.newClient(config.timeouts().request());
        HttpResponse<byte[]> answer;
        try {
            answer = client.send(HttpRequest.newBuilder(wellKnown).timeout(config.timeouts().request())
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new CannotRun("the target " + config.baseUrl() + " is unreachable (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CannotRun("interrupted");
        }
        Optional<String> entityId = Optional.empty();
        boolean development = false;
        try {
            JsonNode json = StrictJson.read(answer.body());
            if (answer.statusCode() == 200) {
                entityId = Optional.of(json.path("entityId").asText("")).filter(id -> Patterns.ENTITY_ID.matcher(id)
                        .matches());
                development = EntityConfiguration.DEVELOPMENT.equals(json.path("deployment").asText(""));
            }
        } catch (IOException | RuntimeException e) {
            // reported below
        }
        if (config.target().entityId().isEmpty() && entityId.isEmpty()) {
            throw new CannotRun("the target's entity id is not configured (target.entityId) and " + wellKnown
                    + " does not give one (HTTP " + answer.statusCode() + ")");
        }
        boolean plainHttp = "http".equalsIgnoreCase(config.baseUrl().getScheme());
        if (!development && (plainHttp || config.target().allowPlainHttp())) {
            throw new CannotRun("the target is tested over plain http" + (plainHttp ? "" : " (target.allowPlainHttp)")
                    + " but does not declare itself a development deployment (\"deployment\":\"development\" in "
                    + wellKnown + "): a production implementation is tested over https");
        }
        return config.withDiscovered(entityId, development);
    }

    private static Counterpart startCounterpart(RunConfig config) throws CannotRun {
        try {
            return Counterpart.start(config);
        } catch (IOException | RuntimeException e) {
            throw new CannotRun("cannot start the counterpart (port " + config.counterpart().port() + "): "
                    + e.getMessage());
        }
    }

    private static void summarise(RunResult result, Path folder, PrintStream out) {
        for (TestResult r : result.results()) {
            out.println(r.outcome().name() + "\t" + r.test().id() + "\t" + r.test().title()
                    + (r.message().isEmpty() ? "" : "\n\t" + r.message()));
        }
        out.println(result.count(Outcome.PASSED) + " passed, " + result.count(Outcome.FAILED) + " failed, "
                + result.count(Outcome.SKIPPED) + " skipped (" + result.plan().cliName() + " plan, "
                + result.targetEntityId() + ")");
        out.println("reports in " + folder.toAbsolutePath());
    }

    /** The suite itself cannot run; the message says why. */
    static final class CannotRun extends Exception {
        CannotRun(String message) {
            super(message);
        }
    }

    /** The command line, a picocli command: each option a field or a setter that checks its value. */
    @Command(name = "ymt-conformance", separator = " ", sortOptions = false, usageHelpWidth = 120,
            customSynopsis = {
                    "java -jar ymt-conformance.jar --plan member|hub --base-url URL [--config FILE] [--key-file FILE]"
                            + " --out DIR",
                    "       java -jar ymt-conformance.jar --list [--plan member|hub]",
                    "       java -jar ymt-conformance.jar --help", "" },
            description = {
                    "Runs the Yimatong v1 conformance suite against an implementation and writes report.json,",
                    "report.json.jws (signed by the runner's key), runner-jwks.json, junit.xml and report.html into DIR.",
                    "" },
            footer = { "", "Exit codes: 0 all passed, 1 a test failed, 2 the suite could not run." })
    static final class Arguments {

        @Option(names = { "--help", "-h" }, usageHelp = true, order = 7, description = "this text")
        boolean help;

        @Option(names = "--list", order = 6, description = "print every test: id, plan, requirements, title")
        boolean list;

        Optional<Plan> plan = Optional.empty();
        URI baseUrl;
        Optional<Path> config = Optional.empty();
        Optional<Path> keyFile = Optional.empty();

        @Option(names = "--out", paramLabel = "DIR", order = 5,
                description = "where the reports go (created if absent)")
        Path out;

        @Option(names = "--plan", paramLabel = "member|hub", order = 1,
                description = "member: a provincial platform's member API; hub: a hub")
        void plan(String value) {
            plan = Optional.of(Plan.fromCliName(value)
                    .orElseThrow(() -> new BadArgument("--plan must be member or hub, not " + value)));
        }

        @Option(names = "--base-url", paramLabel = "URL", order = 2,
                description = "the target's base URL (a member's baseUrl, or a hub's)")
        void baseUrl(String value) {
            List<String> faults = new ArrayList<>();
            baseUrl = ConfigFile.httpUrl(value, "--base-url", faults);
            if (!faults.isEmpty()) {
                throw new BadArgument(faults.get(0));
            }
        }

        @Option(names = "--config", paramLabel = "FILE", order = 3,
                description = "run configuration JSON (target, counterpart, fixtures, timeouts; see README)")
        void config(Path file) {
            config = Optional.of(file);
        }

        @Option(names = "--key-file", paramLabel = "FILE", order = 4,
                description = "the runner's private JWK (created if absent, SM2); default: a new key each run")
        void keyFile(Path file) {
            keyFile = Optional.of(file);
        }

        /**
         * @throws IllegalArgumentException for an unknown argument, a missing or bad value, or a run without
         *     {@code --plan}, {@code --base-url} or {@code --out}; the message says which
         */
        static Arguments parse(String[] args) {
            Arguments a = new Arguments();
            CommandLine commandLine = commandLine(a);
            try {
                commandLine.parseArgs(args);
            } catch (ParameterException e) {
                throw usageError(e);
            }
            if (a.help || a.list) {
                return a;
            }
            List<String> missing = new ArrayList<>();
            if (a.plan.isEmpty()) {
                missing.add("--plan");
            }
            if (a.baseUrl == null) {
                missing.add("--base-url");
            }
            if (a.out == null) {
                missing.add("--out");
            }
            if (!missing.isEmpty()) {
                throw new BadArgument("missing " + String.join(", ", missing));
            }
            return a;
        }

        static CommandLine commandLine(Arguments arguments) {
            CommandLine commandLine = new CommandLine(arguments)
                    .setOverwrittenOptionsAllowed(true) // an option given twice: the last one counts
                    .setExpandAtFiles(false); // "@name" is a value like any other, never a file of arguments
            commandLine.getCommandSpec().usageMessage().longOptionsMaxWidth(20);
            return commandLine;
        }

        /** picocli's refusal, said as the runner says it. */
        private static IllegalArgumentException usageError(ParameterException e) {
            if (e.getCause() instanceof BadArgument own) {
                return own; // a value refused by one of the setters above
            }
            if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
                return new BadArgument("unknown argument " + unmatched.getUnmatched().get(0));
            }
            if (e instanceof MissingParameterException missing && !missing.getMissing().isEmpty()
                    && missing.getMissing().get(0) instanceof OptionSpec option) {
                return new BadArgument(option.longestName() + " needs a value");
            }
            return new BadArgument(e.getMessage());
        }
    }

    /** A bad command line; the message says what is wrong. */
    static final class BadArgument extends IllegalArgumentException {
        BadArgument(String message) {
            super(message);
        }
    }
}
