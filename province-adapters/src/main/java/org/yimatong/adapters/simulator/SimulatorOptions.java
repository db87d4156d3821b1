package org.yimatong.adapters.simulator;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.payload.validation.Patterns;

/**
 * The simulator's settings, from its command line ({@link #parse}); {@link #USAGE} is the {@code --help} text.
 *
 * @param listKey {@code hub} (fetched from {@code <hubUrl>/v1/lists/key} with a client assertion at first need, not
 *     at start; a failed fetch is tried again at the next need; fetched again when its {@code validUntil} passes;
 *     the default with a hub URL), {@code random} (32 random bytes drawn per run: standalone demos; the default
 *     without a hub URL) or the key itself, base64url (43 characters, 32 bytes)
 * @param soapAppId when present, the live checks are served in the {@code soap-md5} dialect for this app id
 * @param publish where the daily list goes: {@code none}, {@code hub}, {@code inbox} or {@code both}; anything but
 *     {@code none} publishes at start and then every day at midnight, China time
 */
public record SimulatorOptions(String region, String entityId, int port, int adminPort, SignatureProfile profile,
        Path keyFile, String hubId, Optional<URI> hubUrl, int residents, long seed, String listKey,
        Optional<Path> inbox, String publish, boolean requireClientAssertion, Optional<Path> hubJwksFile,
        long answerValiditySeconds, Faults faults, Optional<String> soapAppId) {

    /** {@code --list-key hub}: the hub's key of the current epoch. */
    public static final String HUB = "hub";
    /** {@code --list-key random}: 32 random bytes drawn at start. */
    public static final String RANDOM = "random";

    private static final Pattern REGION = Pattern.compile("[1-9][0-9]{5}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern SOAP_APP_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final java.util.Set<String> VALUED = java.util.Set.of("--region", "--entity-id", "--port",
            "--admin-port", "--alg", "--key-file", "--hub-id", "--hub-url", "--residents", "--seed", "--list-key",
            "--inbox", "--publish", "--hub-jwks-file", "--answer-validity-seconds", "--latency-ms", "--error-rate",
            "--soap-app-id");

    public static final String USAGE = """
            Usage: java -jar ymt-member-simulator.jar [options]

            A Yimatong member platform speaking the v1 member API on 127.0.0.1, with synthetic residents.
            Prints "simulator <entity id> listening on http://127.0.0.1:<port>" when ready.

              --region CODE            6-digit region code served (default 310000)
              --entity-id ID           entity id (default ymt:member:<region>)
              --port N                 member API port, 0 = any free port (default 0)
              --admin-port N           extra listener for /sim/... only, alive while --down (default 0 = any;
                                       -1 = none)
              --alg SM2|ES256          signing profile of codes, ID tokens and batches (default SM2)
              --key-file PATH          private JWK JSON; created if absent (default: a new key each run)
              --hub-id ID              the hub's entity id: audience of client assertions (default ymt:hub:yrd)
              --hub-url URL            the hub's base URL, for list keys and batch pushes (default none)
              --residents N            number of synthetic residents (default 100)
              --seed N                 seed of the residents and their colours (default 1)
              --list-key hub|random|KEY
                                       list key of the pseudonyms (list entries, green lookups, listSub in
                                       verification answers): hub = the hub's GET /v1/lists/key, fetched at
                                       first need (not at start), again after a failure or when its epoch ends
                                       (default with --hub-url); random = 32 random bytes per run, matching no
                                       hub and no other simulator (default without --hub-url); or the key
                                       itself (base64url, 32 bytes)
              --inbox DIR              file drop root: writes DIR/<entity id>/<day>.ndjson and .sig
              --publish none|hub|inbox|both
                                       publish the daily red/yellow list at start and every midnight (China
                                       time) (default none; POST /sim/lists/publish works anyway)
              --require-client-assertion
                                       refuse member-API calls without a valid Ymt-Client-Assertion from the hub
              --hub-jwks-file PATH     the hub's key set for those assertions (default: GET <hub-url>/v1/jwks)
              --answer-validity-seconds N
                                       validUntil = checkedAt + N in answers (default 60)
              --soap-app-id ID         speak the soap-md5 dialect instead of the v1 member operations: live checks
                                       at POST /services/HealthCodeService, Invoke(appId, pwd, method, xml) with
                                       pwd = MD5(appId + method + yyyyMMdd); codes and key set stay v1
            Faults (also at runtime: POST /sim/faults {"latencyMs":..,"errorRate":..,"down":..,...}):
              --latency-ms N           delay every member-API answer by N ms
              --error-rate X           answer a share X (0..1) of member-API requests with 500
              --down                   start with the member-API listener closed (connection refused)
              --wrong-colour           answer the next colour (GREEN->YELLOW->RED->GREEN)
              --accept-expired         accept expired codes
              --malformed-answers      answer 200 outside the contract (no validity)
              --help                   this text
            """;

    /** Thrown for a bad command line; the message says what is wrong. */
    public static final class UsageException extends IllegalArgumentException {
        public UsageException(String message) {
            super(message);
        }
    }

    /**
     * @throws UsageException for an unknown option, a missing or bad value
     */
    public static SimulatorOptions parse(String... args) {
        String region = "310000";
        String entityId = null;
        int port = 0;
        int adminPort = 0;
        SignatureProfile profile = SignatureProfile.SM2;
        Path keyFile = null;
        String hubId = "ymt:hub:yrd";
        URI hubUrl = null;
        int residents = 100;
        long seed = 1;
        String listKey = null;
        Path inbox = null;
        String publish = "none";
        boolean requireAssertion = false;
        Path hubJwks = null;
        long validity = 60;
        Faults faults = Faults.NONE;
        String soapAppId = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--down" -> faults = faults.withDown(true);
                case "--wrong-colour", "--wrong-color" -> faults = faults.withWrongColour(true);
                case "--accept-expired" -> faults = faults.withAcceptExpired(true);
                case "--malformed-answers" -> faults = faults.withMalformedAnswers(true);
                case "--require-client-assertion" -> requireAssertion = true;
                case "--help", "-h" -> throw new UsageException("");
                default -> {
                    if (!VALUED.contains(option)) {
                        throw new UsageException(option.startsWith("--") ? "unknown option " + option
                                : "unexpected argument " + option);
                    }
                    if (i + 1 >= args.length) {
                        throw new UsageException(option + " needs a value");
                    }
                    String value = args[++i];
                    switch (option) {
                        case "--region" -> region = require(value, REGION, option);
                        case "--entity-id" -> entityId = require(value, Patterns.ENTITY_ID, option);
                        case "--port" -> port = (int) number(value, option, 0, 65535);
                        case "--admin-port" -> adminPort = (int) number(value, option, -1, 65535);
                        case "--alg" -> profile = switch (value.toUpperCase(Locale.ROOT)) {
                            case "SM2" -> SignatureProfile.SM2;
                            case "ES256" -> SignatureProfile.ES256;
                            default -> throw new UsageException("--alg must be SM2 or ES256");
                        };
                        case "--key-file" -> keyFile = Path.of(value);
                        case "--hub-id" -> hubId = require(value, Patterns.ENTITY_ID, option);
                        case "--hub-url" -> hubUrl = url(value, option);
                        case "--residents" -> residents = (int) number(value, option, 3, 1_000_000);
                        case "--seed" -> seed = number(value, option, Long.MIN_VALUE, Long.MAX_VALUE);
                        case "--list-key" -> {
                            if (value.equals("derived")) {
                                throw new UsageException("--list-key derived is gone (every simulator with the same "
                                        + "seed shared its key): use hub, random or a base64url key");
                            }
                            if (!value.equals("hub") && !value.equals(RANDOM) && !KEY.matcher(value).matches()) {
                                throw new UsageException("--list-key must be hub, random or 43 base64url characters");
                            }
                            listKey = value;
                        }
                        case "--inbox" -> inbox = Path.of(value);
                        case "--publish" -> {
                            if (!value.matches("none|hub|inbox|both")) {
                                throw new UsageException("--publish must be none, hub, inbox or both");
                            }
                            publish = value;
                        }
                        case "--hub-jwks-file" -> hubJwks = Path.of(value);
                        case "--soap-app-id" -> soapAppId = require(value, SOAP_APP_ID, option);
                        case "--answer-validity-seconds" -> validity = number(value, option, 1, 86_400);
                        case "--latency-ms" -> faults = faults.withLatencyMs(number(value, option, 0, 600_000));
                        case "--error-rate" -> {
                            try {
                                faults = faults.withErrorRate(Double.parseDouble(value));
                            } catch (IllegalArgumentException e) {
                                throw new UsageException("--error-rate must be a number 0..1");
                            }
                        }
                        default -> throw new UsageException("unknown option " + option);
                    }
                }
            }
        }
        if (listKey == null) {
            listKey = hubUrl != null ? HUB : RANDOM;
        }
        if (hubUrl == null && (listKey.equals(HUB) || publish.equals("hub") || publish.equals("both"))) {
            throw new UsageException("--list-key hub and --publish hub|both need --hub-url");
        }
        if (inbox == null && (publish.equals("inbox") || publish.equals("both"))) {
            throw new UsageException("--publish inbox|both needs --inbox");
        }
        if (requireAssertion && hubUrl == null && hubJwks == null) {
            throw new UsageException("--require-client-assertion needs --hub-jwks-file or --hub-url");
        }
        return new SimulatorOptions(region, entityId == null ? "ymt:member:" + region : entityId, port, adminPort,
                profile, keyFile, hubId, Optional.ofNullable(hubUrl), residents, seed, listKey,
                Optional.ofNullable(inbox), publish, requireAssertion, Optional.ofNullable(hubJwks), validity, faults,
                Optional.ofNullable(soapAppId));
    }

    private static String require(String value, Pattern pattern, String option) {
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
