package org.yimatong.conformance.counterpart;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.tomakehurst.wiremock.http.Fault;

import org.yimatong.schemas.code.CodeClaims;
import org.yimatong.schemas.code.DynamicCodeCodec;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.AnswerSource;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.dictionary.MemberKind;
import org.yimatong.schemas.dictionary.VerificationStatus;
import org.yimatong.schemas.payload.EntityConfiguration;
import org.yimatong.schemas.payload.PayloadJson;
import org.yimatong.schemas.payload.SignatureAlgorithm;
import org.yimatong.schemas.payload.VerificationResult;

/**
 * A member platform the suite plays when testing a hub (as the WHO gateway tests play virtual members): its own
 * identity and key, its own listener on 127.0.0.1 serving {@code /.well-known/yimatong} and
 * {@code /member/v1/jwks} from the start, codes it signs itself, and verification answers the test chooses (a
 * colour, a delay, a dropped connection). Register it at the hub under test however the hub plan does (its admin
 * API); one not registered is the "not onboarded" member of negative tests. Close it when the test ends.
 */
public final class VirtualMember implements AutoCloseable {

    public static final String VERIFICATIONS = "/member/v1/verifications";
    public static final String JWKS = "/member/v1/jwks";
    public static final String ENTITY_CONFIGURATION = "/.well-known/yimatong";

    private final Identity identity;
    private final String region;
    private final CounterpartServer server;
    private final Clock clock;

    private VirtualMember(Identity identity, String region, String parent, CounterpartServer server, Clock clock) {
        this.identity = identity;
        this.region = region;
        this.server = server;
        this.clock = clock;
        server.answer("GET", JWKS, 200, "application/jwk-set+json", identity.publicKeys().toJson().toString());
        server.answer("GET", ENTITY_CONFIGURATION, 200, "application/json", json(entityConfiguration(parent)));
    }

    /**
     * Starts a member {@code ymt:member:<region>} with a fresh key of {@code profile} on any free port.
     *
     * @param region its 6-digit region code (its province is the first two digits)
     * @param parent the hub it names as its parent
     */
    public static VirtualMember start(String region, String parent, SignatureProfile profile) {
        Identity identity = new Identity("ymt:member:" + region, Jwk.generate(profile), Clock.systemUTC());
        return new VirtualMember(identity, region, parent, CounterpartServer.start(0), Clock.systemUTC());
    }

    public Identity identity() {
        return identity;
    }

    public String entityId() {
        return identity.entityId();
    }

    public String region() {
        return region;
    }

    /** The member's base URL (its member record's {@code baseUrl}). */
    public URI baseUrl() {
        return server.baseUrl();
    }

    public CounterpartServer server() {
        return server;
    }

    /** A fresh code of {@code colour} for {@code subject}, issued now, living 60 s. */
    public String code(String subject, Colour colour) {
        return code(subject, colour, clock.instant());
    }

    /** A code issued at {@code issuedAt} (in the past: expired; ahead: not yet valid), living 60 s. */
    public String code(String subject, Colour colour, Instant issuedAt) {
        Instant iat = issuedAt.truncatedTo(ChronoUnit.SECONDS);
        CodeClaims claims = new CodeClaims(entityId(), subject, DynamicCodeCodec.newJti(), colour, region, iat,
                iat.plus(DynamicCodeCodec.MAX_LIFETIME));
        return new DynamicCodeCodec().encode(claims, identity.key());
    }

    /** From now on, every verification is answered {@code status}, live, valid for a minute from now. */
    public void answerVerifications(VerificationStatus status) {
        answerVerifications(status, 0);
    }

    /** As {@link #answerVerifications(VerificationStatus)}, after {@code delayMs} (a slow home). */
    public void answerVerifications(VerificationStatus status, int delayMs) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        VerificationResult answer = new VerificationResult(status, entityId(), AnswerSource.LIVE, now,
                now.plusSeconds(60), null);
        server.wireMock().stubFor(post(urlPathEqualTo(VERIFICATIONS)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(json(answer)).withFixedDelay(delayMs)));
    }

    /** From now on, verification calls have their connection dropped (a home that is down mid-call). */
    public void dropVerifications() {
        server.wireMock().stubFor(post(urlPathEqualTo(VERIFICATIONS))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }

    /** The verification requests the hub made to this member, oldest first. */
    public List<CounterpartServer.ReceivedRequest> verificationsReceived() {
        return server.received("POST", VERIFICATIONS);
    }

    @Override
    public void close() {
        server.close();
    }

    private EntityConfiguration entityConfiguration(String parent) {
        String base = baseUrl().toString();
        Map<String, URI> endpoints = new LinkedHashMap<>();
        for (String name : List.of("verifications", "green-lookups", "appeals", "list-changes", "introspect")) {
            endpoints.put(name, URI.create(base + "/member/v1/" + name));
        }
        return new EntityConfiguration(entityId(), parent, MemberKind.PLATFORM, EntityConfiguration.VERSION,
                List.of(region.substring(0, 2)), endpoints, URI.create(base + JWKS),
                List.of(SignatureAlgorithm.of(identity.key().profile())));
    }

    private static String json(Object value) {
        try {
            return PayloadJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }
}
