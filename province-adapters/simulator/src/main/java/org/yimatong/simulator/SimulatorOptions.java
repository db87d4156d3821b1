package org.yimatong.simulator;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.payload.validation.Patterns;

import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The simulator's settings, from its command line ({@link #parse}, a picocli command); {@link #USAGE} is the
 * {@code --help} text picocli makes of it.
 *
 * @param listKey {@code hub} (fetched from {@code <hubUrl>/v1/lists/key} with a client assertion at first need, not
 *     at start; a failed fetch is tried again at the next need; fetched again when its {@code validUntil} passes;
 *     the default with a hub URL), {@code random} (32 random bytes drawn per run: standalone demos; the default
 *     without a hub URL) or the key itself, base64url (43 characters, 32 bytes)
 * @param soapAppId when present, the live checks are served in the {@code soap-md5} dialect for this app id
 * @param publish where the daily list goes: {@code none}, {@code hub}, {@code inbox} or {@code both}; anything but
 *     {@code none} publishes at start and then every day at midnight, China time
 * @param codeLifetime how long the dynamic codes it issues live ({@code exp - iat}), and so how long its member API
 *     answers for them: 60 s (Suishenma), up to 24 h (Gansu, REQ-CODE-3)
 * @param venues how many venues of its region it posts venue codes for (DESIGN.md §5a); 0 = none
 * @param gansu {@code --profile gansu}: the platform prints Gansu's own code strings for its residents
 *     ({@code GSJKM1}, REQ-CODE-2) and answers them live at its member API, when its region is in Gansu (62)
 */
public record SimulatorOptions(String region, String entityId, int port, int adminPort, SignatureProfile profile,
        Path keyFile, String hubId, Optional<URI> hubUrl, int residents, long seed, String listKey,
        Optional<Path> inbox, String publish, boolean requireClientAssertion, Optional<Path> hubJwksFile,
        long answerValiditySeconds, Faults faults, Optional<String> soapAppId, Duration codeLifetime, int venues,
        boolean gansu) {

    /** {@code --profile gansu}: Gansu's health code, valid a day, and venue codes (甘肃健康码 2.0). */
    public static final String GANSU = "gansu";
    /** The region {@code --profile gansu} serves unless {@code --region} says otherwise: 甘肃省. */
    public static final String GANSU_REGION = "620000";
    /** Venues of {@code --profile gansu} unless {@code --venues} says otherwise. */
    public static final int GANSU_VENUES = 5;
    /**
     * The seed of {@code --profile gansu} unless {@code --seed} says otherwise: the day Gansu's health code went live
     * (2020-02-21), so Gansu's residents are not those of every other simulator started without a seed.
     */
    public static final long GANSU_SEED = 20200221L;
    /** The seed without a profile and without {@code --seed}. */
    public static final long DEFAULT_SEED = 1L;

    /** {@code --list-key hub}: the hub's key of the current epoch. */
    public static final String HUB = "hub";
    /** {@code --list-key random}: 32 random bytes drawn at start. */
    public static final String RANDOM = "random";

    private static final Pattern REGION = Pattern.compile("[1-9][0-9]{5}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern SOAP_APP_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** The {@code --help} text. */
    public static final String USAGE = commandLine(new Arguments()).getUsageMessage(Help.Ansi.OFF);

    /** Thrown for a bad command line; the message says what is wrong (empty for {@code --help}). */
    public static final class UsageException extends IllegalArgumentException {
        public UsageException(String message) {
            super(message);
        }
    }

    /**
     * @throws UsageException for an unknown option, a missing or bad value, or {@code --help} (empty message)
     */
    public static SimulatorOptions parse(String... args) {
        Arguments arguments = new Arguments();
        CommandLine commandLine = commandLine(arguments);
        try {
            commandLine.parseArgs(args);
        } catch (ParameterException e) {
            throw usageError(e);
        }
        if (commandLine.isUsageHelpRequested()) {
            throw new UsageException("");
        }
        return arguments.options();
    }

    private static CommandLine commandLine(Arguments arguments) {
        CommandLine commandLine = new CommandLine(arguments)
                .setOverwrittenOptionsAllowed(true) // an option given twice: the last one counts
                .setExpandAtFiles(false); // "@name" is a value like any other, never a file of arguments
        commandLine.getCommandSpec().usageMessage().longOptionsMaxWidth(28);
        return commandLine;
    }

    /** picocli's refusal, said as the simulator says it. */
    private static UsageException usageError(ParameterException e) {
        if (e.getCause() instanceof UsageException own) {
            return own; // a value refused by one of the setters below
        }
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().get(0);
            return new UsageException(first.startsWith("--") ? "unknown option " + first
                    : "unexpected argument " + first);
        }
        if (e instanceof MissingParameterException missing && !missing.getMissing().isEmpty()) {
            ArgSpec spec = missing.getMissing().get(0);
            if (spec instanceof OptionSpec option) {
                return new UsageException(option.longestName() + " needs a value");
            }
        }
        return new UsageException(e.getMessage());
    }

    /**
     * The command line as picocli sees it: each option a field or a setter that checks its value; what depends on
     * several options is checked in {@link #options()}.
     */
    @Command(name = "ymt-member-simulator", customSynopsis = "java -jar ymt-member-simulator.jar [options]%n",
            separator = " ", sortOptions = false, usageHelpWidth = 112, description = {
                    "A Yimatong member platform speaking the v1 member API on 127.0.0.1, with synthetic residents.",
                    "Prints \"simulator <entity id> listening on http://127.0.0.1:<port>\" when ready.", "" })
    static final class Arguments {

        private String region;
        private String profileName;
        private Long codeLifetime;
        private Integer venues;
        private String entityId;
        private int port;
        private int adminPort;
        private SignatureProfile profile;
        private String hubId;
        private URI hubUrl;
        private int residents;
        private Long seed;
        private String listKey;
        private String publish;
        private String soapAppId;
        private long validity;

        @Option(names = "--key-file", paramLabel = "PATH", order = 6,
                description = "private JWK JSON; created if absent (default: a new key each run)")
        private Path keyFile;

        @Option(names = "--inbox", paramLabel = "DIR", order = 12,
                description = "file drop root: writes DIR/<entity id>/<day>.ndjson and .sig")
        private Path inbox;

        @Option(names = "--require-client-assertion", order = 14,
                description = "refuse member-API calls without a valid Ymt-Client-Assertion from the hub")
        private boolean requireClientAssertion;

        @Option(names = "--hub-jwks-file", paramLabel = "PATH", order = 15,
                description = "the hub's key set for those assertions (default: GET <hub-url>/v1/jwks)")
        private Path hubJwksFile;

        @Option(names = { "--help", "-h" }, usageHelp = true, order = 30, description = "this text")
        private boolean help;

        @ArgGroup(validate = false, order = 19,
                heading = "Faults (also at runtime: POST /sim/faults {\"latencyMs\":..,\"errorRate\":..,\"down\":..,...}):%n")
        private FaultArguments faults;

        @Option(names = "--region", paramLabel = "CODE", order = 1,
                description = "6-digit region code served (default 310000; " + GANSU_REGION + " with --profile "
                        + GANSU + ")")
        void region(String value) {
            region = matching(value, REGION, "--region");
        }

        @Option(names = "--entity-id", paramLabel = "ID", order = 2,
                description = "entity id (default ymt:member:<region>)")
        void entityId(String value) {
            entityId = matching(value, Patterns.ENTITY_ID, "--entity-id");
        }

        @Option(names = "--port", paramLabel = "N", defaultValue = "0", order = 3,
                description = "member API port, 0 = any free port (default ${DEFAULT-VALUE})")
        void port(String value) {
            port = (int) number(value, "--port", 0, 65535);
        }

        @Option(names = "--admin-port", paramLabel = "N", defaultValue = "0", order = 4,
                description = "extra listener for /sim/... only, alive while --down (default 0 = any; -1 = none)")
        void adminPort(String value) {
            adminPort = (int) number(value, "--admin-port", -1, 65535);
        }

        @Option(names = "--alg", paramLabel = "SM2|ES256", defaultValue = "SM2", order = 5,
                description = "signing profile of codes, ID tokens and batches (default ${DEFAULT-VALUE})")
        void alg(String value) {
            profile = switch (value.toUpperCase(Locale.ROOT)) {
                case "SM2" -> SignatureProfile.SM2;
                case "ES256" -> SignatureProfile.ES256;
                default -> throw new UsageException("--alg must be SM2 or ES256");
            };
        }

        @Option(names = "--hub-id", paramLabel = "ID", defaultValue = "ymt:hub:yrd", order = 7,
                description = "the hub's entity id: audience of client assertions (default ${DEFAULT-VALUE})")
        void hubId(String value) {
            hubId = matching(value, Patterns.ENTITY_ID, "--hub-id");
        }

        @Option(names = "--hub-url", paramLabel = "URL", order = 8,
                description = "the hub's base URL, for list keys and batch pushes (default none)")
        void hubUrl(String value) {
            hubUrl = url(value, "--hub-url");
        }

        @Option(names = "--residents", paramLabel = "N", defaultValue = "100", order = 9,
                description = "number of synthetic residents (default ${DEFAULT-VALUE})")
        void residents(String value) {
            residents = (int) number(value, "--residents", 3, 1_000_000);
        }

        @Option(names = "--seed", paramLabel = "N", order = 10, description = "seed of the residents and their "
                + "colours (default " + DEFAULT_SEED + "; " + GANSU_SEED + " with --profile " + GANSU + ")")
        void seed(String value) {
            seed = number(value, "--seed", Long.MIN_VALUE, Long.MAX_VALUE);
        }

        @Option(names = "--list-key", paramLabel = "hub|random|KEY", order = 11, description = "list key of the "
                + "pseudonyms (list entries, green lookups, listSub in verification answers): hub = the hub's GET "
                + "/v1/lists/key, fetched at first need (not at start), again after a failure or when its epoch "
                + "ends (default with --hub-url); random = 32 random bytes per run, matching no hub and no other "
                + "simulator (default without --hub-url); or the key itself (base64url, 32 bytes)")
        void listKey(String value) {
            if (value.equals("derived")) {
                throw new UsageException("--list-key derived is gone (every simulator with the same "
                        + "seed shared its key): use hub, random or a base64url key");
            }
            if (!value.equals(HUB) && !value.equals(RANDOM) && !KEY.matcher(value).matches()) {
                throw new UsageException("--list-key must be hub, random or 43 base64url characters");
            }
            listKey = value;
        }

        @Option(names = "--publish", paramLabel = "none|hub|inbox|both", defaultValue = "none", order = 13,
                description = "publish the daily red/yellow list at start and every midnight (China time) "
                        + "(default ${DEFAULT-VALUE}; POST /sim/lists/publish works anyway)")
        void publish(String value) {
            if (!value.matches("none|hub|inbox|both")) {
                throw new UsageException("--publish must be none, hub, inbox or both");
            }
            publish = value;
        }

        @Option(names = "--answer-validity-seconds", paramLabel = "N", defaultValue = "60", order = 16,
                description = "validUntil = checkedAt + N in answers (default ${DEFAULT-VALUE})")
        void answerValiditySeconds(String value) {
            validity = number(value, "--answer-validity-seconds", 1, 86_400);
        }

        @Option(names = "--soap-app-id", paramLabel = "ID", order = 17, description = "speak the soap-md5 dialect "
                + "instead of the v1 member operations: live checks at POST /services/HealthCodeService, "
                + "Invoke(appId, pwd, method, xml) with pwd = MD5(appId + method + yyyyMMdd); codes and key set "
                + "stay v1")
        void soapAppId(String value) {
            soapAppId = matching(value, SOAP_APP_ID, "--soap-app-id");
        }

        @Option(names = "--profile", paramLabel = "gansu", order = 26, description = "a platform as it was: gansu = "
                + "region " + GANSU_REGION + ", codes valid 24 h (--code-lifetime 86400), " + GANSU_VENUES
                + " venues, seed " + GANSU_SEED + ", and Gansu's own code strings (GSJKM1:..., GET "
                + "/sim/residents/N/native-code) answered live at the member API; options given explicitly win")
        void profile(String value) {
            if (!value.equals(GANSU)) {
                throw new UsageException("--profile must be " + GANSU);
            }
            profileName = value;
        }

        @Option(names = "--code-lifetime", paramLabel = "SECONDS", order = 27, description = "exp - iat of the "
                + "dynamic codes issued, which the member API answers for live until they expire (default 60; "
                + "86400 with --profile gansu; at most 86400)")
        void codeLifetime(String value) {
            codeLifetime = number(value, "--code-lifetime", 1, 86_400);
        }

        @Option(names = "--venues", paramLabel = "N", order = 28, description = "venues of the region with venue "
                + "codes (GET /sim/venues); visits arrive at POST /member/v1/venue-scans (default 0; "
                + GANSU_VENUES + " with --profile gansu)")
        void venues(String value) {
            venues = (int) number(value, "--venues", 0, 1000);
        }

        /** The settings, once every option is read; refuses combinations that cannot work. */
        SimulatorOptions options() {
            boolean gansu = GANSU.equals(profileName);
            String region = this.region != null ? this.region : gansu ? GANSU_REGION : "310000";
            String key = listKey != null ? listKey : hubUrl != null ? HUB : RANDOM;
            if (hubUrl == null && (key.equals(HUB) || publish.equals("hub") || publish.equals("both"))) {
                throw new UsageException("--list-key hub and --publish hub|both need --hub-url");
            }
            if (inbox == null && (publish.equals("inbox") || publish.equals("both"))) {
                throw new UsageException("--publish inbox|both needs --inbox");
            }
            if (requireClientAssertion && hubUrl == null && hubJwksFile == null) {
                throw new UsageException("--require-client-assertion needs --hub-jwks-file or --hub-url");
            }
            return new SimulatorOptions(region, entityId == null ? "ymt:member:" + region : entityId, port,
                    adminPort, profile, keyFile, hubId, Optional.ofNullable(hubUrl), residents,
                    seed != null ? seed : gansu ? GANSU_SEED : DEFAULT_SEED, key,
                    Optional.ofNullable(inbox), publish, requireClientAssertion, Optional.ofNullable(hubJwksFile),
                    validity, faults == null ? Faults.NONE : faults.faults, Optional.ofNullable(soapAppId),
                    Duration.ofSeconds(codeLifetime != null ? codeLifetime : gansu ? 86_400 : 60),
                    venues != null ? venues : gansu ? GANSU_VENUES : 0, gansu);
        }
    }

    /** The faults to start with; picocli makes this group only when one of them is given. */
    static final class FaultArguments {

        private Faults faults = Faults.NONE;

        @Option(names = "--latency-ms", paramLabel = "N", order = 20,
                description = "delay every member-API answer by N ms")
        void latencyMs(String value) {
            faults = faults.withLatencyMs(number(value, "--latency-ms", 0, 600_000));
        }

        @Option(names = "--error-rate", paramLabel = "X", order = 21,
                description = "answer a share X (0..1) of member-API requests with 500")
        void errorRate(String value) {
            try {
                faults = faults.withErrorRate(Double.parseDouble(value));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--error-rate must be a number 0..1");
            }
        }

        @Option(names = "--down", order = 22,
                description = "start with the member-API listener closed (connection refused)")
        void down(boolean on) {
            faults = faults.withDown(on);
        }

        @Option(names = { "--wrong-colour", "--wrong-color" }, order = 23,
                description = "answer the next colour (GREEN->YELLOW->RED->GREEN)")
        void wrongColour(boolean on) {
            faults = faults.withWrongColour(on);
        }

        @Option(names = "--accept-expired", order = 24, description = "accept expired codes")
        void acceptExpired(boolean on) {
            faults = faults.withAcceptExpired(on);
        }

        @Option(names = "--malformed-answers", order = 25,
                description = "answer 200 outside the contract (no validity)")
        void malformedAnswers(boolean on) {
            faults = faults.withMalformedAnswers(on);
        }
    }

    private static String matching(String value, Pattern pattern, String option) {
        if (!pattern.matcher(value).matches()) {
            throw new UsageException(option + ": bad value " + value);
        }
        return value;
    }

    private static long number(String value, String option, long min, long max) {
        try {
            long n = Long.parseLong(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + " must be a whole number " + min + ".." + max);
    }

    private static URI url(String value, String option) {
        try {
            URI uri = URI.create(value.replaceAll("/+$", ""));
            if ((uri.getScheme().equals("http") || uri.getScheme().equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw new UsageException(option + " must be an http(s) URL");
    }
}
