package org.yimatong.simulator;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.dictionary.LevelOfAssurance;
import org.yimatong.schemas.payload.Attestations;
import org.yimatong.schemas.payload.validation.Patterns;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The simulator-only paths under {@code /sim/} (not part of the contract; no faults apply to them): faults,
 * residents and their codes (relatives' codes and, behind the SOAP gateway or as Gansu, printed native codes too), venues with
 * their visits and exposure, the login service, and list publication. They never show an ID number: residents are
 * named by their number {@code n}.
 */
final class SimulatorPaths {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final MemberSimulator sim;

    SimulatorPaths(MemberSimulator sim) {
        this.sim = sim;
    }

    void register(Http.Routes routes) {
        routes.simulator("GET", "/sim/faults", r -> Http.Answer.json(200, sim.faults().toJson()))
                .simulator("POST", "/sim/faults", this::setFaults)
                .simulator("GET", "/sim/residents", this::residents)
                .simulator("GET", "/sim/residents/([0-9]{1,7})/code", this::code)
                .simulator("GET", "/sim/residents/([0-9]{1,7})/native-code", this::nativeCode)
                .simulator("GET", "/sim/venues", this::venues)
                .simulator("GET", "/sim/venues/([A-Za-z0-9._:-]{1,128})/visits", this::visits)
                .simulator("POST", "/sim/venues/([A-Za-z0-9._:-]{1,128})/exposure", this::exposure)
                .simulator("POST", "/sim/residents/([0-9]{1,7})/colour", this::colour)
                .simulator("POST", "/sim/residents/([0-9]{1,7})/naat", this::naat)
                .simulator("GET", "/sim/residents/([0-9]{1,7})/access-log", this::accessLog)
                .simulator("POST", "/sim/login", this::login)
                .simulator("POST", "/sim/lists/publish", this::publish);
    }

    private Http.Answer setFaults(Http.Request request) {
        Faults updated = sim.faults().patch(request.json());
        boolean closesThisListener = updated.down() && !sim.faults().down()
                && request.exchange().getLocalAddress().getPort() == sim.port();
        Http.Answer answer = Http.Answer.json(200, updated.toJson());
        if (closesThisListener) {
            // the member-API listener this request came on is the one to close: answer first
            return answer.andThen(() -> sim.setFaults(updated));
        }
        // anything else holds before the caller hears back, so its next request meets the new faults
        sim.setFaults(updated);
        return answer;
    }

    /** Every resident: number, colour, and the list pseudonym when the list key is at hand. */
    private Http.Answer residents(Http.Request request) {
        byte[] listKey = null;
        try {
            listKey = sim.listKey();
        } catch (ProblemException e) {
            // no list key now: pseudonyms left out
        }
        ArrayNode list = NODES.arrayNode();
        for (Resident resident : sim.population().all()) {
            ObjectNode node = list.addObject();
            node.put("n", resident.number());
            node.put("colour", resident.colour().name());
            if (listKey != null) {
                node.put("listSub", resident.idNumber().pseudonym(listKey));
            }
        }
        ObjectNode body = NODES.objectNode();
        body.put("member", sim.entityId());
        body.put("region", sim.options().region());
        body.set("residents", list);
        return Http.Answer.json(200, body);
    }

    /**
     * A code of resident {@code n}, issued now, or {@code ?ageSeconds=N} seconds ago (negative: in the future), so a
     * conformance suite can present expired and not-yet-valid codes without waiting; with {@code ?guardian=j} the
     * relative's code resident {@code j} shows for {@code n} (REQ-CODE-4: {@code n}'s code with {@code hld}).
     */
    private Http.Answer code(Http.Request request) {
        int n = Integer.parseInt(request.path().group(1));
        Resident resident = sim.resident(n);
        Map<String, String> query = query(request, "ageSeconds", "guardian");
        Instant iat = sim.clock().instant().truncatedTo(ChronoUnit.SECONDS).minusSeconds(ageSeconds(query));
        Integer guardian = guardian(query);
        ObjectNode body = NODES.objectNode();
        body.put("n", n);
        body.put("code", guardian == null ? sim.code(n, iat) : sim.dependantCode(n, guardian, iat));
        body.put("colour", resident.colour().name());
        body.put("expiresAt", iat.plus(sim.codeLifetime()).toString());
        if (guardian != null) {
            body.put("dependant", true);
            body.put("guardian", guardian);
        }
        return Http.Answer.json(200, body);
    }

    /** The query's parameters, each at most once; any other parameter is refused, so a typo is never ignored. */
    private static Map<String, String> query(Http.Request request, String... allowed) {
        String raw = request.exchange().getRequestURI().getRawQuery();
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        List<String> names = List.of(allowed);
        for (String pair : raw.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (!names.contains(name) || eq < 0 || params.putIfAbsent(name, pair.substring(eq + 1)) != null) {
                throw new ProblemException(ProblemType.VALIDATION_FAILED, "Query parameters: " + names + ", once each",
                        List.of(new FieldError("/query/" + (name.matches("[A-Za-z]{1,32}") ? name : "?"),
                                "unknown or repeated")));
            }
        }
        return params;
    }

    private static long ageSeconds(Map<String, String> query) {
        String value = query.get("ageSeconds");
        if (value == null) {
            return 0;
        }
        if (!value.matches("-?[0-9]{1,6}") || Math.abs(Long.parseLong(value)) > 86_400) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "ageSeconds must be a whole number of seconds",
                    List.of(new FieldError("/query/ageSeconds", "-86400..86400")));
        }
        return Long.parseLong(value);
    }

    private static Integer guardian(Map<String, String> query) {
        String value = query.get("guardian");
        if (value == null) {
            return null;
        }
        if (!value.matches("[0-9]{1,7}")) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "guardian must be a resident's number",
                    List.of(new FieldError("/query/guardian", "a resident's number")));
        }
        return Integer.parseInt(value);
    }

    /**
     * The code string the platform printed for resident {@code n} in its own format (REQ-CODE-2): {@code JKM1} behind
     * the {@code soap-md5} gateway, {@code GSJKM1} as Gansu's platform.
     */
    private Http.Answer nativeCode(Http.Request request) {
        int n = Integer.parseInt(request.path().group(1));
        Resident resident = sim.resident(n);
        NativeCodeBook book = sim.nativeCodes().orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "Native code strings are printed by the soap-md5 gateway (start with --soap-app-id) and by Gansu's "
                        + "platform (--profile gansu, a region 62....) only"));
        ObjectNode body = NODES.objectNode();
        body.put("n", n);
        body.put("code", book.codeOf(n));
        body.put("colour", resident.colour().name());
        return Http.Answer.json(200, body);
    }

    /** The venues (DESIGN.md §5a): id, name, kind, region, the venue code posted at the door, exposure. */
    private Http.Answer venues(Http.Request request) {
        ArrayNode list = NODES.arrayNode();
        for (Venues.Venue venue : sim.venues().all()) {
            ObjectNode node = list.addObject();
            node.put("vid", venue.vid());
            node.put("nam", venue.nam());
            node.put("knd", venue.knd().name());
            node.put("rgn", venue.rgn());
            node.put("venueCode", venue.code());
            sim.venues().exposedSince(venue.vid()).ifPresent(at -> node.put("exposedSince", at.toString()));
        }
        ObjectNode body = NODES.objectNode();
        body.put("member", sim.entityId());
        body.put("region", sim.options().region());
        body.set("venues", list);
        return Http.Answer.json(200, body);
    }

    /** The visits delivered for one venue, in the order they arrived: pseudonyms, times, direction, reporter. */
    private Http.Answer visits(Http.Request request) {
        Venues.Venue venue = venue(request);
        ArrayNode list = NODES.arrayNode();
        for (Venues.Visit visit : sim.venues().visits(venue.vid())) {
            ObjectNode node = list.addObject();
            node.put("scanId", visit.scanId());
            node.put("subject", visit.subject());
            node.put("at", visit.at().toString());
            node.put("direction", visit.direction().name());
            node.put("reportedBy", visit.reportedBy());
            node.put("receivedAt", visit.receivedAt().toString());
        }
        ObjectNode body = NODES.objectNode();
        body.put("vid", venue.vid());
        body.set("visits", list);
        return Http.Answer.json(200, body);
    }

    /**
     * Declares a venue an exposure site: its visitors are contacts, listed YELLOW in the next daily batch; the
     * platform's own residents among them (by their list pseudonym under the key of now) turn YELLOW at once.
     */
    private Http.Answer exposure(Http.Request request) {
        Venues.Venue venue = venue(request);
        List<String> contacts = sim.venues().markExposed(venue.vid());
        Instant since = sim.venues().exposedSince(venue.vid()).orElseThrow();
        int residents = 0;
        try {
            byte[] listKey = sim.listKey();
            for (String subject : contacts) {
                Optional<Resident> own = sim.population().byListSubject(listKey, subject);
                if (own.isPresent() && own.get().colour() == Colour.GREEN) {
                    own.get().relist(new Resident.Listing(Colour.YELLOW, since,
                            since.plus(Population.LISTING_LENGTH), Venues.CONTACT_REASON));
                    residents++;
                }
            }
        } catch (ProblemException e) {
            // no list key now: the contacts still go out in the batch, by the pseudonyms their visits came with
        }
        ObjectNode body = NODES.objectNode();
        body.put("vid", venue.vid());
        body.put("exposedSince", since.toString());
        body.put("contacts", contacts.size());
        body.put("residentsTurnedYellow", residents);
        return Http.Answer.json(200, body);
    }

    private Venues.Venue venue(Http.Request request) {
        String vid = request.path().group(1);
        return sim.venues().byVid(vid)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No venue " + vid + " here"));
    }

    private Http.Answer colour(Http.Request request) {
        int n = Integer.parseInt(request.path().group(1));
        Resident resident = sim.resident(n);
        JsonNode body = request.json();
        Colour colour = Colour.parse(body.path("colour").asText(null));
        if (colour == null) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "colour must be GREEN, YELLOW or RED",
                    List.of(new FieldError("/colour", "GREEN, YELLOW or RED")));
        }
        resident.relist(Population.listing(colour, sim.clock().instant().truncatedTo(ChronoUnit.SECONDS)));
        ObjectNode answer = NODES.objectNode();
        answer.put("n", n);
        answer.put("colour", colour.name());
        return Http.Answer.json(200, answer);
    }

    /**
     * {@code {"sampledHoursAgo": 72}} and/or {@code {"result": "POSITIVE"}}: resident {@code n}'s latest nucleic-acid
     * test is now one sampled that many hours ago (default: as old as the one on record, or now) with that result
     * (default: the one on record, or NEGATIVE), reported at most six hours after sampling, so a demo can make a
     * checkpoint rule fail. Any other member is refused.
     */
    private Http.Answer naat(Http.Request request) {
        int n = Integer.parseInt(request.path().group(1));
        Resident resident = sim.resident(n);
        JsonNode body = request.json();
        List<FieldError> errors = new java.util.ArrayList<>();
        if (!body.isObject() || body.isEmpty()) {
            errors.add(new FieldError("", "an object with sampledHoursAgo and/or result"));
        } else {
            body.fieldNames().forEachRemaining(name -> {
                if (!name.equals("sampledHoursAgo") && !name.equals("result")) {
                    errors.add(new FieldError("/" + (name.matches("[A-Za-z]{1,32}") ? name : "?"), "unknown member"));
                }
            });
        }
        JsonNode hours = body.get("sampledHoursAgo");
        if (hours != null && (!hours.isIntegralNumber() || !hours.canConvertToInt() || hours.intValue() < 0
                || hours.intValue() > 720)) {
            errors.add(new FieldError("/sampledHoursAgo", "a whole number of hours, 0..720"));
        }
        JsonNode result = body.get("result");
        if (result != null && !(result.isTextual() && result.textValue().matches("NEGATIVE|POSITIVE"))) {
            errors.add(new FieldError("/result", "NEGATIVE or POSITIVE"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, errors.size() + " field(s) invalid", errors);
        }
        Instant now = sim.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        Attestations.Naat known = resident.attestations().naat();
        Instant sampledAt = hours != null ? now.minus(Duration.ofHours(hours.intValue()))
                : known != null ? known.sampledAt() : now;
        Attestations.NaatResult outcome = result != null ? Attestations.NaatResult.valueOf(result.textValue())
                : known != null ? known.result() : Attestations.NaatResult.NEGATIVE;
        Instant reported = sampledAt.plus(Duration.ofHours(6));
        resident.retest(new Attestations.Naat(outcome, sampledAt, reported.isAfter(now) ? now : reported,
                known != null ? known.labRegion() : sim.options().region()));
        ObjectNode answer = NODES.objectNode();
        answer.put("n", n);
        answer.set("naat", Http.JSON.valueToTree(resident.attestations().naat()));
        return Http.Answer.json(200, answer);
    }

    /**
     * {@code {resident, level, audience, guardian?}}: an ID token at the chosen level of assurance; with
     * {@code guardian}, one that lets that resident act for this one ({@code may_act}).
     */
    private Http.Answer login(Http.Request request) {
        JsonNode body = request.json();
        List<FieldError> errors = new java.util.ArrayList<>();
        JsonNode n = body.get("resident");
        if (n == null || !n.canConvertToInt()) {
            errors.add(new FieldError("/resident", "the resident's number"));
        }
        String levelText = body.path("level").asText("");
        Optional<LevelOfAssurance> level = LevelOfAssurance.fromUri(levelText)
                .or(() -> LevelOfAssurance.fromUri(LevelOfAssurance.URN_PREFIX + levelText));
        if (level.isEmpty()) {
            errors.add(new FieldError("/level", "anonymous, basic, substantial or high"));
        }
        String audience = body.path("audience").asText(sim.options().hubId());
        if (!Patterns.ENTITY_ID.matcher(audience).matches()) {
            errors.add(new FieldError("/audience", "the hub's entity id"));
        }
        JsonNode guardianNode = body.get("guardian");
        Integer guardian = null;
        if (guardianNode != null && !guardianNode.isNull()) {
            if (!guardianNode.canConvertToInt()) {
                errors.add(new FieldError("/guardian", "the number of the resident who may act for this one"));
            } else {
                guardian = guardianNode.intValue();
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, errors.size() + " field(s) invalid", errors);
        }
        String token = sim.idToken(n.intValue(), level.get(), audience, guardian);
        ObjectNode answer = NODES.objectNode();
        answer.put("id_token", token);
        if (guardian != null) {
            answer.put("guardian", guardian);
        }
        answer.put("token_type", "id_token");
        answer.put("acr", level.get().uri());
        answer.put("expires_in", MemberSimulator.ID_TOKEN_LIFETIME.toSeconds());
        return Http.Answer.json(200, answer);
    }

    /**
     * {@code ?after=}: who looked at resident {@code n}, as the hub's access log of the resident tells this platform
     * (REQ-AUD-3): {@code {n, accesses: [{at, by, byName, purpose, action, outcome}], next?}}, newest first.
     */
    private Http.Answer accessLog(Http.Request request) throws IOException, InterruptedException {
        int n = Integer.parseInt(request.path().group(1));
        sim.resident(n);
        String after = query(request, "after").get("after");
        if (after != null && !after.matches("[A-Za-z0-9_-]{1,512}")) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "after must be a cursor the hub gave",
                    List.of(new FieldError("/query/after", "a cursor of a previous page")));
        }
        HubClient.AccessLog log;
        try {
            log = sim.accessLog(n, after);
        } catch (HubClient.HubCallException e) {
            throw new ProblemException(ProblemType.MEMBER_BAD_ANSWER, "The hub gave no access log: " + e.getMessage());
        }
        ObjectNode answer = NODES.objectNode();
        answer.put("n", n);
        answer.set("accesses", log.accesses());
        log.next().ifPresent(next -> answer.put("next", next));
        return Http.Answer.json(200, answer);
    }

    /** {@code {to: hub|inbox|both|none, day?}}: builds, signs and sends the daily list now. */
    private Http.Answer publish(Http.Request request) throws IOException, InterruptedException {
        JsonNode body = request.body().length == 0 ? NODES.objectNode() : request.json();
        String to = body.path("to").asText("none");
        if (!to.matches("none|hub|inbox|both")) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "to must be none, hub, inbox or both",
                    List.of(new FieldError("/to", "none, hub, inbox or both")));
        }
        LocalDate day;
        try {
            day = body.hasNonNull("day") ? LocalDate.parse(body.get("day").asText())
                    : Population.chinaDay(sim.clock().instant());
        } catch (DateTimeParseException e) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "day must be YYYY-MM-DD",
                    List.of(new FieldError("/day", "YYYY-MM-DD")));
        }
        MemberSimulator.Publication publication = sim.publish(to, day);
        ObjectNode answer = NODES.objectNode();
        answer.set("manifest", publication.pushed().manifest().toJson());
        publication.hubAnswer().ifPresent(hub -> {
            ObjectNode node = answer.putObject("hub");
            node.put("status", hub.status());
            node.set("body", hub.body());
        });
        publication.droppedFile().ifPresent(file -> answer.put("file", file.toString()));
        return Http.Answer.json(200, answer);
    }
}
