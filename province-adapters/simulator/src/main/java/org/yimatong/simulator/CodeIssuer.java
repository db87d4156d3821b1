package org.yimatong.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.yimatong.schemas.code.CodeClaims;
import org.yimatong.schemas.code.DynamicCodeCodec;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.dictionary.LevelOfAssurance;
import org.yimatong.schemas.jose.JwsSigner;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What the simulated platform issues to its residents: dynamic codes and ID tokens, signed with its key. */
final class CodeIssuer {

    /** Lifetime of a dynamic code unless {@code --code-lifetime} says otherwise: one minute (DESIGN.md §5). */
    static final Duration CODE_LIFETIME = DynamicCodeCodec.MAX_LIFETIME;
    /** Lifetime of an ID token from the login service. */
    static final Duration ID_TOKEN_LIFETIME = Duration.ofMinutes(10);

    private final String entityId;
    private final String region;
    private final Population population;
    private final Jwk key;
    private final Clock clock;
    private final Duration lifetime;

    CodeIssuer(String entityId, String region, Population population, Jwk key, Clock clock, Duration lifetime) {
        this.entityId = entityId;
        this.region = region;
        this.population = population;
        this.key = key;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** How long the codes issued here live: the platform's code policy (REQ-CODE-3). */
    Duration lifetime() {
        return lifetime;
    }

    /** A code of resident {@code n} issued at {@code issuedAt}, living {@link #lifetime()}; signed with its colour. */
    String code(int n, Instant issuedAt) {
        return code(n, issuedAt, null);
    }

    /**
     * A code of resident {@code n}; with a {@code guardian}, the relative's code (亲属码, REQ-CODE-4) that resident
     * shows for {@code n}: {@code n}'s own code with {@code hld} = the guardian's issuer-scoped subject.
     *
     * @throws ProblemException {@code validation-failed} when {@code guardian} is {@code n}: nobody is their own
     *     guardian
     */
    String code(int n, Instant issuedAt, Integer guardian) {
        Resident resident = resident(n);
        String holder = guardianSubject(n, guardian);
        Instant iat = issuedAt.truncatedTo(ChronoUnit.SECONDS);
        CodeClaims claims = new CodeClaims(entityId, resident.codeSubject(), DynamicCodeCodec.newJti(),
                resident.colour(), region, iat, iat.plus(lifetime), holder);
        return new DynamicCodeCodec().encode(claims, key, lifetime);
    }

    /**
     * An ID token of the login service: a JWS ({@code typ} JWT) with {@code iss} this member, {@code sub} the
     * resident's issuer-scoped subject, {@code aud}, {@code acr = urn:ymt:loa:<level>}, {@code auth_time},
     * {@code iat}, {@code exp} (10 minutes) and a random {@code jti}. Asked for with the {@code guardian} of a
     * relative's code, it also carries {@code may_act} (RFC 8693 section 4.4) naming the guardian by the subject and
     * issuer of their own ID token, so a hub lets the guardian act for the resident and nobody else.
     * With {@code listSub} (the resident's list pseudonym under the current list key, when known) it carries claim
     * {@code ymt_list_sub}, so the hub can show the resident who exchanged it.
     */
    String idToken(int n, LevelOfAssurance level, String audience, Integer guardian, String listSub) {
        Resident resident = resident(n);
        String actor = guardianSubject(n, guardian);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        claims.put("iss", entityId);
        claims.put("sub", resident.codeSubject());
        claims.put("aud", audience);
        claims.put("acr", level.uri());
        claims.put("auth_time", now.getEpochSecond());
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(ID_TOKEN_LIFETIME).getEpochSecond());
        claims.put("jti", DynamicCodeCodec.newJti());
        if (actor != null) {
            claims.putObject("may_act").put("sub", actor).put("iss", entityId);
        }
        if (listSub != null) {
            // the resident's list pseudonym: the hub records the exchange in their access log (REQ-AUD-3)
            claims.put("ymt_list_sub", listSub);
        }
        return JwsSigner.sign(key, "JWT", claims.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The issuer-scoped subject of resident {@code n}'s {@code guardian}, or {@code null} without one. */
    private String guardianSubject(int n, Integer guardian) {
        if (guardian == null) {
            return null;
        }
        if (guardian == n) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "A resident is not their own guardian");
        }
        return resident(guardian).codeSubject();
    }

    Resident resident(int n) {
        return population.byNumber(n).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "No resident " + n + " (1.." + population.size() + ")"));
    }
}
