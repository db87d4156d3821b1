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

    /** Lifetime of a dynamic code: one minute, renewed by asking again (DESIGN.md §5). */
    static final Duration CODE_LIFETIME = DynamicCodeCodec.MAX_LIFETIME;
    /** Lifetime of an ID token from the login service. */
    static final Duration ID_TOKEN_LIFETIME = Duration.ofMinutes(10);

    private final String entityId;
    private final String region;
    private final Population population;
    private final Jwk key;
    private final Clock clock;

    CodeIssuer(String entityId, String region, Population population, Jwk key, Clock clock) {
        this.entityId = entityId;
        this.region = region;
        this.population = population;
        this.key = key;
        this.clock = clock;
    }

    /** A code of resident {@code n} issued at {@code issuedAt}, living one minute; signed with the resident's colour. */
    String code(int n, Instant issuedAt) {
        Resident resident = resident(n);
        Instant iat = issuedAt.truncatedTo(ChronoUnit.SECONDS);
        CodeClaims claims = new CodeClaims(entityId, resident.codeSubject(), DynamicCodeCodec.newJti(),
                resident.colour(), region, iat, iat.plus(CODE_LIFETIME));
        return new DynamicCodeCodec().encode(claims, key);
    }

    /**
     * An ID token of the login service: a JWS ({@code typ} JWT) with {@code iss} this member, {@code sub} the
     * resident's issuer-scoped subject, {@code aud}, {@code acr = urn:ymt:loa:<level>}, {@code auth_time},
     * {@code iat}, {@code exp} (10 minutes) and a random {@code jti}.
     */
    String idToken(int n, LevelOfAssurance level, String audience) {
        Resident resident = resident(n);
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
        return JwsSigner.sign(key, "JWT", claims.toString().getBytes(StandardCharsets.UTF_8));
    }

    Resident resident(int n) {
        return population.byNumber(n).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "No resident " + n + " (1.." + population.size() + ")"));
    }
}
