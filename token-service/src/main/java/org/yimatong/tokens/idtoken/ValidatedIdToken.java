package org.yimatong.tokens.idtoken;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.yimatong.schemas.dictionary.LevelOfAssurance;

/**
 * What a validated ID token says about the person.
 *
 * @param issuer the member's entity id (the person's home)
 * @param subject the member's subject identifier, pseudonymous and issuer-scoped; never put into a hub token
 *     as is
 * @param acr the level of assurance of the authentication
 * @param authTime when the person authenticated
 * @param jti the token's id, if it has one
 */
public record ValidatedIdToken(String issuer, String subject, LevelOfAssurance acr, Instant authTime,
        Instant issuedAt, Instant expiresAt, Optional<String> jti) {

    public ValidatedIdToken {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(acr, "acr");
        Objects.requireNonNull(authTime, "authTime");
        Objects.requireNonNull(jti, "jti");
    }

    /** No subject in logs. */
    @Override
    public String toString() {
        return "ValidatedIdToken[iss=" + issuer + ", acr=" + acr + ", exp=" + expiresAt + "]";
    }
}
