package org.yimatong.hub.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.yimatong.hub.config.HubConfig;
import org.yimatong.hub.config.PublicUrl;
import org.yimatong.hub.registry.Member;
import org.yimatong.hub.registry.MemberRegistry;
import org.yimatong.hub.registry.ParentHub;
import org.yimatong.schemas.crypto.KeyResolver;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.MemberStatus;
import org.yimatong.schemas.jose.ClientAssertion;
import org.yimatong.schemas.jose.ClientAssertion.Claims;
import org.yimatong.schemas.jose.JwsVerifier;
import org.yimatong.schemas.jose.ParsedJws;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import io.smallrye.mutiny.Uni;

/**
 * Decides who is calling (REQ-AUTH-1): a client certificate whose fingerprint is bound to a member, else an
 * RFC 7523 client assertion in {@code Ymt-Client-Assertion} signed by a member's or the parent hub's key, addressed
 * to this hub by its entity id, issuer URL or token endpoint URL.
 * An assertion's {@code jti} is recorded in PostgreSQL, so no hub instance accepts it twice.
 */
@ApplicationScoped
public class CallerAuthenticator {

    private static final Logger LOG = Logger.getLogger(CallerAuthenticator.class);

    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final String BEARER = "Bearer ";
    private static final JwsVerifier VERIFIER = new JwsVerifier(EnumSet.allOf(SignatureProfile.class), null);

    private final MemberRegistry registry;
    private final ParentHub parent;
    private final HubConfig hub;
    private final PublicUrl publicUrl;
    private final SeenAssertions seen;
    private final Clock clock;
    private final Sessions sessions;
    /** {@link #audiences()}, once named. */
    private volatile Set<String> audiences;

    public CallerAuthenticator(MemberRegistry registry, ParentHub parent, HubConfig hub, PublicUrl publicUrl,
            SeenAssertions seen, Clock clock, Sessions sessions) {
        this.publicUrl = publicUrl;
        this.sessions = sessions;
        this.registry = registry;
        this.parent = parent;
        this.hub = hub;
        this.seen = seen;
        this.clock = clock;
    }

    public Uni<Caller> authenticate(String assertion, SSLSession tls) {
        Optional<Member> byCertificate = certificateFingerprint(tls).flatMap(registry::findByCertificate);
        if (byCertificate.isPresent()) {
            return Uni.createFrom().item(admit(byCertificate.get()));
        }
        if (assertion == null || assertion.isBlank()) {
            return fail(ProblemType.UNAUTHENTICATED,
                    "Call with a registered client certificate or a client assertion in " + ClientAssertion.HEADER);
        }
        return Uni.createFrom().deferred(() -> verifyAssertion(assertion));
    }

    private Uni<Caller> verifyAssertion(String assertion) {
        ParsedJws jws;
        try {
            jws = ParsedJws.parseCompact(assertion);
        } catch (ProblemException e) {
            throw ClientAssertion.refused("it is not a compact JWS (" + e.getMessage() + ")");
        }
        Claims claims = Claims.read(jws.payload()).check(audiences(), clock.instant(), SKEW);
        String kid = jws.header().kid() == null ? "" : jws.header().kid();
        Uni<KeyResolver> keys;
        Caller caller;
        Optional<Member> member = registry.find(claims.issuer());
        if (member.isPresent()) {
            keys = registry.keysFor(member.get(), kid);
            caller = null;
        } else if (parent.entityId().filter(claims.issuer()::equals).isPresent()) {
            keys = parent.keys(kid);
            caller = Caller.parent(claims.issuer());
        } else {
            return fail(ProblemType.INVALID_CLIENT_ASSERTION, "Unknown caller " + claims.issuer());
        }
        return keys.map(resolver -> {
            try {
                VERIFIER.verify(jws, resolver);
            } catch (ProblemException e) {
                throw new ProblemException(ProblemType.INVALID_CLIENT_ASSERTION, "Client assertion refused: " + e
                        .getMessage());
            }
            return caller != null ? caller : admit(member.get());
        }).flatMap(admitted -> rememberJti(claims).replaceWith(admitted));
    }

    /**
     * The names an assertion may address this hub by: its entity id, and as an OAuth authorization server its issuer
     * URL and its token endpoint URL (RFC 7523 §3), whichever endpoint the assertion is sent to.
     */
    private Set<String> audiences() {
        Set<String> names = audiences;
        if (names == null) {
            // fixed once the public URL is known (PublicUrl): named once, not on every assertion
            names = Set.of(hub.entityId(), publicUrl.issuer(), publicUrl.resolve("/v1/token"));
            audiences = names;
        }
        return names;
    }

    /** RFC 7523 §3: a jti is accepted once. It is kept until the assertion could no longer be accepted anyway. */
    private Uni<Void> rememberJti(Claims claims) {
        return seen.firstUse(claims.issuer(), claims.jti(), claims.expiresAt().plus(SKEW))
                // the replay cache is in PostgreSQL: when it cannot answer, the hub is at fault, not the credential
                .onFailure().transform(failure -> {
                    LOG.warnf("The replay cache could not be asked: %s", failure.toString());
                    return new ProblemException(ProblemType.OVERLOADED,
                            "The caller cannot be authenticated now (the hub's database did not answer); try again");
                })
                .map(first -> {
                    if (!first) {
                        throw ClientAssertion.refused("the assertion was already used (jti replay)");
                    }
                    return null;
                });
    }

    /**
     * Whether {@code authorization} (an {@code Authorization} header, possibly null) carries a Bearer token.
     */
    public static boolean isBearer(String authorization) {
        return authorization != null && authorization.startsWith(BEARER);
    }

    /**
     * The member whose session (REQ-AUTH-2) {@code authorization} ({@code Bearer <token>}) carries, as it stands now
     * in the registry (a member suspended since is refused).
     *
     * @throws ProblemException {@code unauthenticated} for a token that is no valid session of this hub,
     *     {@code invalid-client-assertion} for a member no longer registered, {@code member-suspended} for a
     *     suspended one
     */
    public Caller bySession(String authorization, SSLSession tls) {
        return admitted(sessions.memberOf(authorization.substring(BEARER.length()).trim(), tls));
    }

    private Caller admitted(String memberId) {
        return admit(registry.find(memberId).orElseThrow(() -> new ProblemException(
                ProblemType.INVALID_CLIENT_ASSERTION, "Bearer token refused: " + memberId + " is not a member here")));
    }

    private static Caller admit(Member member) {
        if (member.status() == MemberStatus.SUSPENDED) {
            throw new ProblemException(ProblemType.MEMBER_SUSPENDED, "Member " + member.entityId() + " is suspended");
        }
        return Caller.member(member);
    }

    private static Optional<String> certificateFingerprint(SSLSession tls) {
        if (tls == null) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = tls.getPeerCertificates();
            byte[] der = chain[0].getEncoded();
            return Optional.of(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der)));
        } catch (SSLPeerUnverifiedException noClientCertificate) {
            return Optional.empty();
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Could not fingerprint the client certificate", e);
        }
    }

    private static <T> Uni<T> fail(ProblemType type, String detail) {
        return Uni.createFrom().failure(new ProblemException(type, detail));
    }
}
