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
 * @param mayAct who the issuer vouches may act for the person (RFC 8693 §4.4), if anyone
 * @param listSubject claim {@code ymt_list_sub}, if the issuer sent it: the person's list pseudonym (lowercase hex
 *     HMAC-SM3 under the current list key, DESIGN.md §7), only for the hub's audit ("who looked at me", REQ-AUD-3);
 *     never put into a hub token
 */
public record ValidatedIdToken(String issuer, String subject, LevelOfAssurance acr, Instant authTime,
        Instant issuedAt, Instant expiresAt, Optional<String> jti, Optional<MayAct> mayAct,
        Optional<String> listSubject) {

    /** The ID token claim carrying the person's list pseudonym. */
    public static final String LIST_SUBJECT_CLAIM = "ymt_list_sub";

    /**
     * RFC 8693 §4.4 {@code may_act}: the actor the token's issuer vouches for, by its subject at {@code issuer}
     * (the token's own issuer when absent).
     */
    public record MayAct(String subject, String issuer) {

        public MayAct {
            Objects.requireNonNull(subject, "subject");
        }

        /** True if {@code actor} is the one named, from the issuer named (or the subject token's, {@code home}). */
        public boolean names(ValidatedIdToken actor, String home) {
            return subject.equals(actor.subject()) && (issuer == null ? home : issuer).equals(actor.issuer());
        }
    }

    public ValidatedIdToken {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(acr, "acr");
        Objects.requireNonNull(authTime, "authTime");
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(mayAct, "mayAct");
        Objects.requireNonNull(listSubject, "listSubject");
    }

    /** No subject in logs. */
    @Override
    public String toString() {
        return "ValidatedIdToken[iss=" + issuer + ", acr=" + acr + ", exp=" + expiresAt + "]";
    }
}
