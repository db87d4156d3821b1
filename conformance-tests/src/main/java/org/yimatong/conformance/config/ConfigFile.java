package org.yimatong.conformance.config;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.yimatong.conformance.engine.Plan;
import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.payload.validation.Patterns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Reads the run configuration JSON (every key documented in the README, "Configuration"). Unknown keys and bad
 * values are refused with every fault named, so a typo never silently changes what is tested. Relative paths
 * (key files) are relative to the configuration file's folder.
 */
public final class ConfigFile {

    /** A configuration that cannot be used; the message names every fault. */
    public static final class ConfigException extends Exception {
        public ConfigException(String message) {
            super(message);
        }
    }

    private static final Set<String> TOP = Set.of("target", "counterpart", "fixtures", "timeouts", "hub");
    private static final Set<String> TARGET = Set.of("entityId", "requiresClientAssertion", "allowPlainHttp");
    private static final Set<String> COUNTERPART = Set.of("entityId", "keyFile", "profile", "port");
    private static final Set<String> FIXTURES = Set.of("baseUrl", "agedCodes", "listPublication", "venues",
            "dependantCodes");
    private static final Set<String> TIMEOUTS = Set.of("testSeconds", "requestSeconds", "answerBudgetMs");

    private ConfigFile() {
    }

    /** Reads {@code file} (or only the defaults when {@code file} is empty). */
    public static RunConfig read(Optional<Path> file, Plan plan, URI baseUrl) throws ConfigException {
        if (file.isEmpty()) {
            return RunConfig.defaults(plan, baseUrl);
        }
        JsonNode json;
        try {
            json = StrictJson.read(Files.readAllBytes(file.get()));
        } catch (IOException e) {
            throw new ConfigException("cannot read config " + file.get() + ": " + e.getMessage());
        }
        Path folder = file.get().toAbsolutePath().getParent();
        return parse(json, plan, baseUrl, folder);
    }

    /** Parses a configuration document; {@code folder} resolves relative paths. */
    public static RunConfig parse(JsonNode json, Plan plan, URI baseUrl, Path folder) throws ConfigException {
        List<String> faults = new ArrayList<>();
        if (json == null || !json.isObject()) {
            throw new ConfigException("the config must be a JSON object");
        }
        unknown(json, TOP, "", faults);
        RunConfig defaults = RunConfig.defaults(plan, baseUrl);

        JsonNode t = section(json, "target", TARGET, faults);
        Optional<String> entityId = optionalText(t, "entityId", "target", faults);
        entityId.filter(id -> !Patterns.ENTITY_ID.matcher(id).matches())
                .ifPresent(id -> faults.add("target.entityId: not an entity id (ymt:member:..., ymt:hub:...)"));
        RunConfig.Target target = new RunConfig.Target(entityId,
                bool(t, "requiresClientAssertion", false, "target", faults),
                bool(t, "allowPlainHttp", false, "target", faults));

        JsonNode c = section(json, "counterpart", COUNTERPART, faults);
        RunConfig.CounterpartSettings d = defaults.counterpart();
        String counterpartId = optionalText(c, "entityId", "counterpart", faults).orElse(d.entityId());
        if (!Patterns.ENTITY_ID.matcher(counterpartId).matches()) {
            faults.add("counterpart.entityId: not an entity id");
        }
        Optional<Path> keyFile = optionalText(c, "keyFile", "counterpart", faults).map(folder::resolve);
        SignatureProfile profile = d.profile();
        Optional<String> profileName = optionalText(c, "profile", "counterpart", faults);
        if (profileName.isPresent()) {
            profile = SignatureProfile.fromJoseName(profileName.get().equalsIgnoreCase("eddsa") ? "EdDSA"
                    : profileName.get().toUpperCase(Locale.ROOT)).orElse(null);
            if (profile == null) {
                faults.add("counterpart.profile: SM2, ES256 or EdDSA");
                profile = d.profile();
            }
        }
        int port = (int) number(c, "port", 0, 0, 65535, "counterpart", faults);
        RunConfig.CounterpartSettings counterpart = new RunConfig.CounterpartSettings(counterpartId, keyFile, profile,
                port);

        Optional<RunConfig.Fixtures> fixtures = Optional.empty();
        if (json.has("fixtures")) {
            JsonNode f = section(json, "fixtures", FIXTURES, faults);
            Optional<String> url = optionalText(f, "baseUrl", "fixtures", faults);
            boolean agedCodes = bool(f, "agedCodes", false, "fixtures", faults);
            boolean listPublication = bool(f, "listPublication", false, "fixtures", faults);
            boolean venues = bool(f, "venues", false, "fixtures", faults);
            boolean dependantCodes = bool(f, "dependantCodes", false, "fixtures", faults);
            if (url.isEmpty()) {
                faults.add("fixtures.baseUrl: required when there is a fixtures section");
            } else {
                fixtures = Optional.of(new RunConfig.Fixtures(httpUrl(url.get(), "fixtures.baseUrl", faults),
                        agedCodes, listPublication, venues, dependantCodes));
            }
        }

        JsonNode to = section(json, "timeouts", TIMEOUTS, faults);
        RunConfig.Timeouts dt = RunConfig.Timeouts.DEFAULT;
        RunConfig.Timeouts timeouts = new RunConfig.Timeouts(
                Duration.ofSeconds(number(to, "testSeconds", dt.test().toSeconds(), 1, 3600, "timeouts", faults)),
                Duration.ofSeconds(number(to, "requestSeconds", dt.request().toSeconds(), 1, 600, "timeouts",
                        faults)),
                Duration.ofMillis(number(to, "answerBudgetMs", dt.answerBudget().toMillis(), 1, 600_000,
                        "timeouts", faults)));

        JsonNode hub = json.path("hub");
        if (!hub.isMissingNode() && !hub.isObject()) {
            faults.add("hub: must be an object");
        }
        if (!faults.isEmpty()) {
            throw new ConfigException("bad config: " + String.join("; ", faults));
        }
        return new RunConfig(plan, baseUrl, target, counterpart, fixtures, timeouts,
                hub.isObject() ? hub : JsonNodeFactory.instance.objectNode());
    }

    private static JsonNode section(JsonNode json, String name, Set<String> keys, List<String> faults) {
        JsonNode node = json.path(name);
        if (node.isMissingNode()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!node.isObject()) {
            faults.add(name + ": must be an object");
            return JsonNodeFactory.instance.objectNode();
        }
        unknown(node, keys, name + ".", faults);
        return node;
    }

    private static void unknown(JsonNode node, Set<String> known, String prefix, List<String> faults) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!known.contains(name)) {
                faults.add(prefix + name + ": unknown key");
            }
        }
    }

    private static Optional<String> optionalText(JsonNode node, String name, String section, List<String> faults) {
        JsonNode value = node.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            faults.add(section + "." + name + ": must be a non-empty string");
            return Optional.empty();
        }
        return Optional.of(value.textValue());
    }

    private static boolean bool(JsonNode node, String name, boolean fallback, String section, List<String> faults) {
        JsonNode value = node.path(name);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            faults.add(section + "." + name + ": must be true or false");
            return fallback;
        }
        return value.booleanValue();
    }

    private static long number(JsonNode node, String name, long fallback, long min, long max, String section,
            List<String> faults) {
        JsonNode value = node.path(name);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.longValue() < min
                || value.longValue() > max) {
            faults.add(section + "." + name + ": must be a whole number " + min + ".." + max);
            return fallback;
        }
        return value.longValue();
    }

    /** An http(s) URL without a trailing slash. */
    public static URI httpUrl(String value, String what, List<String> faults) {
        try {
            URI uri = URI.create(value.replaceAll("/+$", ""));
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        faults.add(what + ": not an http(s) URL");
        return URI.create("http://invalid");
    }
}
