package org.yimatong.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.code.CodeClaims;
import org.yimatong.schemas.code.DynamicCodeCodec;
import org.yimatong.schemas.dictionary.AnswerSource;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.dictionary.MemberKind;
import org.yimatong.schemas.dictionary.ReasonCode;
import org.yimatong.schemas.dictionary.VerificationStatus;
import org.yimatong.schemas.jose.JwsVerifier;
import org.yimatong.schemas.jose.ParsedJws;
import org.yimatong.schemas.payload.AppealAcknowledgement;
import org.yimatong.schemas.payload.AppealRequest;
import org.yimatong.schemas.payload.EntityConfiguration;
import org.yimatong.schemas.payload.GreenLookupRequest;
import org.yimatong.schemas.payload.GreenLookupResult;
import org.yimatong.schemas.payload.IntrospectionResponse;
import org.yimatong.schemas.payload.SignatureAlgorithm;
import org.yimatong.schemas.payload.VenueScanRecord;
import org.yimatong.schemas.payload.VerificationRequest;
import org.yimatong.schemas.payload.VerificationResult;
import org.yimatong.schemas.payload.validation.Patterns;
import org.yimatong.schemas.payload.validation.Validation;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The v1 member contract ({@code member-api} tag of {@code yimatong-v1.yaml}) as the simulator serves it. Every
 * answer carries status and validity only (a verification also the subject's list pseudonym, {@code listSub}, and
 * the attestations the hub named in {@code disclose}, as far as the platform knows them, never more); subjects are
 * pseudonyms; refusals are problem documents.
 */
final class MemberApi {

    private static final String JWKS_TYPE = "application/jwk-set+json";
    private static final String FORM_TYPE = "application/x-www-form-urlencoded";

    private final MemberSimulator sim;
    private final SimulatorOptions options;

    MemberApi(MemberSimulator sim) {
        this.sim = sim;
        this.options = sim.options();
    }

    void register(Http.Routes routes) {
        routes.member("GET", "/\\.well-known/yimatong", this::entityConfiguration)
                .member("GET", "/member/v1/jwks", this::jwks);
        if (options.soapAppId().isPresent()) {
            new SoapGateway(sim, options.soapAppId().get(), this).register(routes);
            return;
        }
        routes.member("POST", "/member/v1/verifications", this::verify)
                .member("POST", "/member/v1/green-lookups", this::greenLookup)
                .member("POST", "/member/v1/appeals", this::appeal)
                .member("POST", "/member/v1/list-changes", this::listChanges)
                .member("POST", "/member/v1/venue-scans", this::venueScan)
                .member("POST", "/member/v1/introspect", this::introspect);
    }

    /** The entity configuration. Its URLs are the simulator's loopback {@code http} ones (the schema wants https). */
    private Http.Answer entityConfiguration(Http.Request request) {
        String base = sim.baseUrl().toString();
        Map<String, URI> endpoints = new LinkedHashMap<>();
        endpoints.put("verifications", URI.create(base + "/member/v1/verifications"));
        endpoints.put("green-lookups", URI.create(base + "/member/v1/green-lookups"));
        endpoints.put("appeals", URI.create(base + "/member/v1/appeals"));
        endpoints.put("list-changes", URI.create(base + "/member/v1/list-changes"));
        endpoints.put("introspect", URI.create(base + "/member/v1/introspect"));
        if (options.venues() > 0) {
            endpoints.put("venue-scans", URI.create(base + "/member/v1/venue-scans"));
        }
        return Http.Answer.json(200, new EntityConfiguration(options.entityId(), options.hubId(), MemberKind.PLATFORM,
                EntityConfiguration.VERSION, List.of(options.region().substring(0, 2)), endpoints,
                URI.create(base + "/member/v1/jwks"),
                // a simulator serves plain http on this machine: never production
                List.of(SignatureAlgorithm.of(options.profile())), EntityConfiguration.DEVELOPMENT));
    }

    private Http.Answer jwks(Http.Request request) {
        String accept = request.header("Accept");
        if (accept != null && Arrays.stream(accept.split(",")).map(a -> a.split(";")[0].trim().toLowerCase(Locale.ROOT))
                .noneMatch(a -> a.equals(JWKS_TYPE) || a.equals(Http.JSON_TYPE) || a.equals("*/*")
                        || a.equals("application/*"))) {
            throw new ProblemException(ProblemType.NOT_ACCEPTABLE, "The key set is " + JWKS_TYPE);
        }
        return Http.Answer.json(200, JWKS_TYPE, sim.keySet().toJson()).withHeader("Cache-Control", "max-age=300");
    }

    private Http.Answer verify(Http.Request request) {
        checkCaller(request);
        VerificationRequest body = Validation.requireValid(request.json(VerificationRequest.class));
        // only Gansu's GSJKM1 here: a soap-md5 platform's JKM1 is answered by its SOAP face (QueryCodeStatus), not this API
        Optional<NativeCodeBook> printed = sim.nativeCodes()
                .filter(book -> book.format() == NativeCodeBook.Format.GSJKM1 && book.isOwnFormat(body.code()));
        if (printed.isPresent()) {
            return verifyNative(printed.get(), body);
        }
        CodeClaims claims = verifyCode(body.code());
        Resident resident = sim.population().byCodeSubject(claims.sub()).orElseThrow(
                () -> new ProblemException(ProblemType.NOT_FOUND, "The code's subject is not known here"));
        if (claims.isDependant() && sim.population().byCodeSubject(claims.hld()).isEmpty()) {
            throw new ProblemException(ProblemType.NOT_FOUND, "The code's holder is not known here");
        }
        Instant now = now();
        VerificationStatus status = VerificationStatus.of(answered(resident.colour()));
        if (sim.faults().malformedAnswers()) {
            return malformed(status, now);
        }
        // a relative's code answers for the dependant, and says so: the person showing it is someone else;
        // of what the platform knows besides the colour, only what the hub asked for (REQ-PRIV-1)
        return Http.Answer.json(200, new VerificationResult(status, options.entityId(), AnswerSource.LIVE, now,
                now.plusSeconds(options.answerValiditySeconds()), null, listSub(resident), claims.isDependant(),
                resident.attestations().only(body.disclosed()), null, null, null));
    }

    /**
     * One of the code strings this platform printed (Gansu's {@code GSJKM1}, REQ-CODE-2), answered live as its signed
     * codes are: the holder's colour, {@code listSub} and what the hub asked to see; a string of the platform's format
     * it never printed is {@code UNKNOWN} ({@code NOT_FOUND_AT_HOME}), as a legacy platform answers it. The string
     * carries no validity: the platform answers for it as long as it keeps it.
     */
    private Http.Answer verifyNative(NativeCodeBook book, VerificationRequest body) {
        Instant now = now();
        Instant until = now.plusSeconds(options.answerValiditySeconds());
        Optional<Resident> holder = book.residentOf(body.code()).flatMap(n -> sim.population().byNumber(n));
        if (holder.isEmpty()) {
            return Http.Answer.json(200, new VerificationResult(VerificationStatus.UNKNOWN, options.entityId(),
                    AnswerSource.LIVE, now, until, ReasonCode.NOT_FOUND_AT_HOME));
        }
        VerificationStatus status = VerificationStatus.of(answered(holder.get().colour()));
        if (sim.faults().malformedAnswers()) {
            return malformed(status, now);
        }
        return Http.Answer.json(200, new VerificationResult(status, options.entityId(), AnswerSource.LIVE, now, until,
                null, listSub(holder.get()), null, holder.get().attestations().only(body.disclosed()), null, null,
                null));
    }

    /**
     * A visit to one of this platform's venues (REQ-VENUE-2): kept once per {@code scanId} (a redelivery stores
     * nothing and is answered alike), 204 once kept; {@code Ymt-Scan-Id}, when sent, must be the record's
     * {@code scanId}; an unknown venue is 404.
     */
    private Http.Answer venueScan(Http.Request request) {
        checkCaller(request);
        VenueScanRecord body = Validation.requireValid(request.json(VenueScanRecord.class));
        String scanId = request.header("Ymt-Scan-Id");
        if (scanId != null && !scanId.equals(body.scanId())) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Ymt-Scan-Id must be the record's scanId",
                    List.of(new FieldError("/headers/Ymt-Scan-Id", "must equal /scanId")));
        }
        if (sim.venues().record(body)) {
            System.out.println("simulator " + options.entityId() + " kept visit " + body.scanId() + " at venue "
                    + body.vid() + " (" + body.direction() + ")");
        }
        return Http.Answer.empty(204);
    }

    /**
     * The resident's list pseudonym under the list key of the current epoch (REQ-VER-5: the hub merges its list
     * state by it), or {@code null} when the key cannot be had now: the verification is answered anyway.
     */
    private String listSub(Resident resident) {
        return sim.listKeyFor("verification").map(key -> resident.idNumber().pseudonym(key)).orElse(null);
    }

    /** The code's claims, verified with this member's own key (at its issue time under the accept-expired fault). */
    CodeClaims verifyCode(String code) {
        DynamicCodeCodec codec = new DynamicCodeCodec(sim.clock(), DynamicCodeCodec.DEFAULT_SKEW,
                EnumSet.of(options.profile()));
        CodeClaims unverified = codec.decode(code);
        if (!options.entityId().equals(unverified.iss())) {
            throw new ProblemException(ProblemType.UNKNOWN_ISSUER, "This member issued no code of " + unverified.iss());
        }
        Instant at = sim.faults().acceptExpired() && unverified.iat() != null ? unverified.iat() : sim.clock()
                .instant();
        return codec.verify(code, sim.keySet(), at, sim.codeLifetime());
    }

    private Http.Answer greenLookup(Http.Request request) {
        checkCaller(request);
        GreenLookupRequest body = Validation.requireValid(request.json(GreenLookupRequest.class));
        Instant now = now();
        Instant until = now.plusSeconds(options.answerValiditySeconds());
        Optional<Resident> resident = sim.population().byListSubject(sim.listKey(), body.sub());
        if (resident.isEmpty()) {
            return Http.Answer.json(200, new GreenLookupResult(VerificationStatus.UNKNOWN, AnswerSource.LIVE,
                    options.entityId(), now, until, ReasonCode.NOT_FOUND_AT_HOME));
        }
        VerificationStatus status = VerificationStatus.of(answered(resident.get().colour()));
        if (sim.faults().malformedAnswers()) {
            return malformed(status, now);
        }
        return Http.Answer.json(200, new GreenLookupResult(status, AnswerSource.LIVE, options.entityId(), now, until,
                status == VerificationStatus.GREEN ? null : ReasonCode.LISTED));
    }

    private Http.Answer appeal(Http.Request request) {
        checkCaller(request);
        String appealId = request.header("Ymt-Appeal-Id");
        if (appealId == null || !Patterns.RESOURCE_ID.matcher(appealId).matches()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Ymt-Appeal-Id is required",
                    List.of(new FieldError("/headers/Ymt-Appeal-Id", "1..64 of A-Z a-z 0-9 _ -")));
        }
        AppealRequest body = Validation.requireValid(request.json(AppealRequest.class));
        if (sim.population().byListSubject(sim.listKey(), body.sub()).isEmpty()) {
            throw new ProblemException(ProblemType.NOT_FOUND, "The subject is not known here");
        }
        String reference = options.region() + "-appeal-" + sim.nextAppealNumber();
        System.out.println("simulator " + options.entityId() + " took in appeal " + appealId + " as " + reference
                + " (" + body.ground() + ")");
        return Http.Answer.json(202, new AppealAcknowledgement(reference, now()));
    }

    private Http.Answer listChanges(Http.Request request) {
        JsonNode body = request.json();
        if (!body.isObject()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "A notification object is required",
                    List.of(new FieldError("", "a JSON object is required")));
        }
        sim.noteListChanges();
        return Http.Answer.empty(204);
    }

    /** Routed validation of an ID token this member issued (RFC 7662); anything else is {@code {"active":false}}. */
    private Http.Answer introspect(Http.Request request) {
        checkCaller(request);
        request.requireContentType(FORM_TYPE);
        String token = form(request.body()).get("token");
        if (token == null || token.length() < 16) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "token is required",
                    List.of(new FieldError("/token", "required")));
        }
        return Http.Answer.json(200, introspection(token));
    }

    private IntrospectionResponse introspection(String token) {
        JsonNode claims;
        try {
            ParsedJws parsed = ParsedJws.parseCompact(token);
            claims = StrictJson.read(new JwsVerifier(EnumSet.of(options.profile()), "JWT")
                    .verify(parsed, sim.keySet()).payload());
        } catch (ProblemException | IOException e) {
            return IntrospectionResponse.inactive();
        }
        long now = sim.clock().instant().getEpochSecond();
        if (!options.entityId().equals(claims.path("iss").asText()) || !claims.path("exp").canConvertToLong()
                || claims.path("exp").longValue() + DynamicCodeCodec.DEFAULT_SKEW.toSeconds() < now
                || !claims.path("sub").isTextual() || !claims.path("acr").isTextual()) {
            return IntrospectionResponse.inactive();
        }
        return new IntrospectionResponse(true, claims.get("iss").asText(), claims.get("sub").asText(),
                List.of(claims.path("aud").asText()), claims.get("exp").longValue(), claims.path("iat").asLong(),
                null, claims.path("jti").asText(null), null, "id_token", null, claims.get("acr").asText(),
                claims.path("auth_time").asLong(), options.entityId(), null);
    }

    // ------------------------------------------------------------------ shared

    /** Routing headers of the contract, and the hub's client assertion when required. */
    private void checkCaller(Http.Request request) {
        String hop = request.header("Ymt-Hop");
        if (hop != null && !hop.matches("[0-8]")) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Ymt-Hop must be 0..8",
                    List.of(new FieldError("/headers/Ymt-Hop", "an integer 0..8")));
        }
        String path = request.header("Ymt-Path");
        if (path != null) {
            if (path.length() > 1024 || !path.matches(
                    "ymt:(hub|member):[A-Za-z0-9._-]+(,ymt:(hub|member):[A-Za-z0-9._-]+)*")) {
                throw new ProblemException(ProblemType.VALIDATION_FAILED, "Ymt-Path must list entity ids",
                        List.of(new FieldError("/headers/Ymt-Path", "comma-separated entity ids")));
            }
            if (Arrays.asList(path.split(",")).contains(options.entityId())) {
                throw new ProblemException(ProblemType.LOOP_DETECTED, options.entityId() + " is already on the path");
            }
        }
        sim.hubAssertions().ifPresent(a -> a.check(request.header("Ymt-Client-Assertion")));
    }

    /** The colour answered: the resident's, or the next one under the wrong-colour fault. */
    Colour answered(Colour colour) {
        if (!sim.faults().wrongColour()) {
            return colour;
        }
        return switch (colour) {
            case GREEN -> Colour.YELLOW;
            case YELLOW -> Colour.RED;
            case RED -> Colour.GREEN;
        };
    }

    /** A 200 answer outside the contract: no {@code validUntil}, an unknown member. */
    private Http.Answer malformed(VerificationStatus status, Instant now) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("status", status.name());
        body.put("home", options.entityId());
        body.put("source", "LIVE");
        body.put("checkedAt", now.toString());
        body.put("simulatedFault", "malformed-answers");
        return Http.Answer.json(200, body);
    }

    private Instant now() {
        return sim.clock().instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static Map<String, String> form(byte[] body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : new String(body, StandardCharsets.US_ASCII).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }
}
