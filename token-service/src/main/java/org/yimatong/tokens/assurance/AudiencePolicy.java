package org.yimatong.tokens.assurance;

import java.util.Objects;
import java.util.Set;

import org.yimatong.schemas.dictionary.LevelOfAssurance;

/**
 * What an audience (a department's service) requires of the tokens issued for it.
 *
 * @param audience the audience, as requested in {@code audience} and written in {@code aud}
 * @param minimum the lowest level of assurance it accepts
 * @param otherClients clients besides the audience itself that may obtain tokens for it; usually empty, because a
 *     token carries the pairwise subject of its audience and another client holding it could link pseudonyms
 */
public record AudiencePolicy(String audience, LevelOfAssurance minimum, Set<String> otherClients) {

    public AudiencePolicy {
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(minimum, "minimum");
        otherClients = Set.copyOf(otherClients);
    }

    /** A policy that only the audience itself may use. */
    public static AudiencePolicy of(String audience, LevelOfAssurance minimum) {
        return new AudiencePolicy(audience, minimum, Set.of());
    }

    /** True if {@code clientId} may obtain tokens for this audience. */
    public boolean admits(String clientId) {
        return audience.equals(clientId) || otherClients.contains(clientId);
    }
}
