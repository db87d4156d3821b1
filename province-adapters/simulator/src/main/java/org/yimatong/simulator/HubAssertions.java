package org.yimatong.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.jose.ClientAssertion.Claims;
import org.yimatong.schemas.jose.JwsVerifier;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

/**
 * Checks the hub's {@code Ymt-Client-Assertion} on member-API calls when {@code --require-client-assertion} is on:
 * a JWS signed by a key of the hub's key set (from {@code --hub-jwks-file}, or {@code GET <hub-url>/v1/jwks},
 * fetched again at most every 30 s on an unknown {@code kid}), {@code iss} = {@code sub} = the hub,
 * {@code aud} naming this member, {@code exp} not passed (30 s skew), at most 60 s after {@code iat}, and a
 * {@code jti} not seen before (the contract's "replays refused"; remembered until {@code exp} plus the skew).
 * Missing: 401 {@code unauthenticated}; anything else wrong: 401 {@code invalid-client-assertion}.
 */
final class HubAssertions {

    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final Duration REFETCH_AFTER = Duration.ofSeconds(30);
    private static final JwsVerifier VERIFIER = new JwsVerifier(EnumSet.allOf(SignatureProfile.class), "JWT");

    private final String hubId;
    private final String memberId;
    private final Clock clock;
    private final Optional<HubClient> hub;
    private volatile JwkSet keys;
    private volatile Instant fetchedAt = Instant.EPOCH;
    /** {@code jti} of accepted assertions, until they could no longer pass the time check anyway. */
    private final Map<String, Instant> seenJtis = new ConcurrentHashMap<>();

    HubAssertions(SimulatorOptions options, Clock clock, Optional<HubClient> hub) throws IOException {
        this.hubId = options.hubId();
        this.memberId = options.entityId();
        this.clock = clock;
        this.hub = options.hubJwksFile().isPresent() ? Optional.empty() : hub;
        if (options.hubJwksFile().isPresent()) {
            keys = JwkSet.parse(Files.readString(options.hubJwksFile().get()));
        }
    }

    void check(String assertion) {
        if (assertion == null || assertion.isBlank()) {
            throw new ProblemException(ProblemType.UNAUTHENTICATED, "Ymt-Client-Assertion of the hub required");
        }
        byte[] payload;
        try {
            payload = VERIFIER.verify(assertion.trim(), this::resolve).payload();
        } catch (ProblemException e) {
            throw refused("the assertion does not verify with the hub's keys");
        }
        Instant now = clock.instant();
        Claims claims = Claims.read(payload).check(memberId, now, SKEW);
        if (!hubId.equals(claims.issuer())) {
            throw refused("iss and sub must be " + hubId);
        }
        seenJtis.values().removeIf(until -> until.isBefore(now));
        if (seenJtis.putIfAbsent(claims.jti(), claims.expiresAt().plus(SKEW)) != null) {
            throw refused("the assertion was already used (jti replayed)");
        }
    }

    private Optional<Jwk> resolve(String kid) {
        JwkSet current = keys;
        Optional<Jwk> key = current == null ? Optional.empty() : current.resolve(kid);
        if (key.isPresent() || hub.isEmpty()) {
            return key;
        }
        Instant now = clock.instant();
        synchronized (this) {
            if (Duration.between(fetchedAt, now).compareTo(REFETCH_AFTER) >= 0 || keys == null) {
                fetchedAt = now;
                try {
                    keys = hub.get().hubKeys();
                } catch (IOException e) {
                    return Optional.empty();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
            return keys == null ? Optional.empty() : keys.resolve(kid);
        }
    }

    private static ProblemException refused(String detail) {
        return new ProblemException(ProblemType.INVALID_CLIENT_ASSERTION, detail);
    }

}
