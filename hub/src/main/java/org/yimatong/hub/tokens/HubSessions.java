package org.yimatong.hub.tokens;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import jakarta.enterprise.context.ApplicationScoped;

import org.yimatong.hub.auth.Sessions;
import org.yimatong.hub.config.HubConfig;
import org.yimatong.hub.config.PublicUrl;
import org.yimatong.hub.keys.HubKeyRing;
import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.code.DynamicCodeCodec;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.jose.JwsSigner;
import org.yimatong.schemas.jose.JwsVerifier;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;
import org.yimatong.tokens.accesstoken.HubAccessToken;
import org.yimatong.tokens.idtoken.IdTokenValidator;
import org.yimatong.tokens.revocation.RevocationList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Session tokens (REQ-AUTH-2): {@code POST /v1/token} with {@code grant_type=client_credentials} gives an
 * authenticated member a hub access token ({@code typ at+jwt}, ES256, {@code iss} the hub's issuer URL, {@code ymt_entity}
 * and {@code aud} its entity id, {@code scope ymt:session}, at
 * most {@code ymt.tokens.session-lifetime}), bound to the member's TLS certificate ({@code cnf.x5t#S256}) when it
 * came with one. A token's signature is checked the first time it is seen; its claims are then kept in memory
 * until it expires (a bounded map), so later calls cost a map lookup. A revoked token, and a member suspended
 * since, are refused at once: the revocation list and the registry are consulted on every call, both in memory
 * and kept current across instances by NOTIFY.
 */
@ApplicationScoped
public class HubSessions implements Sessions {

    static final String SCOPE = "ymt:session";
    private static final JwsVerifier VERIFIER = new JwsVerifier(IdTokenValidator.ALL_PROFILES, HubAccessToken.TYP);

    /** What the hub learnt from a token the first time: who, until when, bound to which certificate. */
    private record Session(String member, String jti, Instant expiresAt, String certificateThumbprint) {}

    /** A session as issued. */
    public record Issued(String token, long expiresInSeconds) {}

    private final HubKeyRing keys;
    private final HubConfig hub;
    private final PublicUrl publicUrl;
    private final RevocationList revocations;
    private final Clock clock;
    private final Duration lifetime;
    private final int maxCached;
    private final Map<String, Session> verified = new ConcurrentHashMap<>();
    private final Counter signatureChecks;

    public HubSessions(HubKeyRing keys, HubConfig hub, PublicUrl publicUrl, RevocationList revocations, Clock clock,
            TokensConfig config, MeterRegistry meters) {
        this.publicUrl = publicUrl;
        this.signatureChecks = Counter.builder("ymt.sessions.signature.checks")
                .description("session tokens whose signature was checked (a token not in the cache)")
                .register(meters);
        this.keys = keys;
        this.hub = hub;
        this.revocations = revocations;
        this.clock = clock;
        this.lifetime = config.sessionLifetime();
        this.maxCached = config.sessionCacheSize();
    }

    /** A session token for {@code member}, bound to the certificate of {@code tls} if it carries one. */
    public Issued issue(String member, SSLSession tls) {
        Instant now = clock.instant();
        ObjectNode claims = JsonNodeFactory.instance.objectNode()
                .put("iss", publicUrl.issuer()).put(HubAccessToken.ENTITY_CLAIM, hub.entityId()).put("sub", member)
                .put("aud", hub.entityId()).put("client_id", member)
                .put("scope", SCOPE).put("jti", DynamicCodeCodec.newJti())
                .put("iat", now.getEpochSecond()).put("exp", now.plus(lifetime).getEpochSecond());
        thumbprint(tls).ifPresent(t -> claims.putObject("cnf").put("x5t#S256", t));
        String token = JwsSigner.sign(sessionKey(), HubAccessToken.TYP,
                claims.toString().getBytes(StandardCharsets.UTF_8));
        return new Issued(token, lifetime.toSeconds());
    }

    /**
     * Sessions are signed ES256 (else EdDSA), the profiles every OAuth library verifies (DESIGN.md §3, REQ-AUTH-2);
     * a hub configured with neither signs them with its SM2 key, which only this hub needs to verify.
     */
    private Jwk sessionKey() {
        return keys.signingKey(SignatureProfile.ES256).or(() -> keys.signingKey(SignatureProfile.EDDSA))
                .orElseGet(keys::signingKey);
    }

    @Override
    public String memberOf(String token, SSLSession tls) {
        Instant now = clock.instant();
        Session session = verified.get(token);
        if (session == null) {
            session = verify(token, now);
            remember(token, session, now);
        }
        if (!now.isBefore(session.expiresAt())) {
            verified.remove(token);
            throw refused("the session has expired; ask POST /v1/token for a new one");
        }
        if (revocations.isRevoked(hub.entityId(), session.jti(), now)) {
            throw refused("the session was revoked");
        }
        if (session.certificateThumbprint() != null
                && !session.certificateThumbprint().equals(thumbprint(tls).orElse(null))) {
            throw refused("the session is bound to a client certificate this call did not present");
        }
        return session.member();
    }

    private Session verify(String token, Instant now) {
        signatureChecks.increment();
        JsonNode claims;
        try {
            claims = StrictJson.read(VERIFIER.verify(token, keys.publishedKeys()).payload());
        } catch (ProblemException e) {
            throw refused("not a session token of this hub");
        } catch (IOException e) {
            throw refused("its claims are not JSON");
        }
        String member = claims.path("sub").asText("");
        if (!publicUrl.issuer().equals(claims.path("iss").asText())
                || !hub.entityId().equals(claims.path(HubAccessToken.ENTITY_CLAIM).asText())
                || !hub.entityId().equals(claims.path("aud").asText())
                || !SCOPE.equals(claims.path("scope").asText()) || member.isEmpty()
                || !member.equals(claims.path("client_id").asText()) || !claims.path("exp").canConvertToLong()
                || !claims.path("jti").isTextual()) {
            throw refused("not a session token of this hub");
        }
        String bound = claims.path("cnf").path("x5t#S256").asText(null);
        return new Session(member, claims.path("jti").asText(), Instant.ofEpochSecond(claims.path("exp").asLong()),
                bound);
    }

    /** Keeps a verified session until it expires; past the bound, expired ones go first, then any. */
    private void remember(String token, Session session, Instant now) {
        if (verified.size() >= maxCached) {
            verified.values().removeIf(s -> !now.isBefore(s.expiresAt()));
            if (verified.size() >= maxCached) {
                verified.clear();
            }
        }
        verified.put(token, session);
    }

    /** How many session signatures this instance has checked. */
    long signatureChecks() {
        return (long) signatureChecks.count();
    }

    /** How many verified sessions are kept now. */
    int cachedSessions() {
        return verified.size();
    }

    private static Optional<String> thumbprint(SSLSession tls) {
        if (tls == null) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = tls.getPeerCertificates();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded());
            return Optional.of(Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
        } catch (SSLPeerUnverifiedException noCertificate) {
            return Optional.empty();
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot hash a client certificate", e);
        }
    }

    private static ProblemException refused(String why) {
        // the admin token was tried first: a bearer token that is no valid session either authenticates nobody
        return new ProblemException(ProblemType.UNAUTHENTICATED, "Bearer token refused: " + why);
    }
}
