package org.yimatong.tokens.assurance;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.yimatong.schemas.dictionary.LevelOfAssurance;
import org.yimatong.schemas.problem.ProblemType;
import org.yimatong.tokens.oauth.OAuthError;
import org.yimatong.tokens.oauth.TokenException;

/**
 * Decides the level of assurance an exchanged token carries, or refuses. The issued level is the subject
 * token's, and with an actor never above the actor's: {@code min(subject, actor)}, so no exchange raises a
 * level. The required level is the audience's minimum, or higher if the client asked for more.
 */
public final class AssurancePolicy {

    private final AudiencePolicies policies;

    public AssurancePolicy(AudiencePolicies policies) {
        this.policies = Objects.requireNonNull(policies);
    }

    /**
     * Parses an {@code acr} value ({@code urn:ymt:loa:<name>}); an unknown string is refused, never read as a
     * default level.
     *
     * @param onUnknown the OAuth error to refuse with (a bad token or a bad request parameter)
     * @throws TokenException {@link ProblemType#UNKNOWN_LEVEL_OF_ASSURANCE}
     */
    public static LevelOfAssurance parse(String acr, OAuthError onUnknown) {
        return LevelOfAssurance.fromUri(acr).orElseThrow(() -> new TokenException(onUnknown,
                ProblemType.UNKNOWN_LEVEL_OF_ASSURANCE, "unknown level of assurance " + printable(acr)));
    }

    /** The level a token exchanged from these may carry: the subject's, never above the actor's. */
    public static LevelOfAssurance issuedLevel(LevelOfAssurance subject, Optional<LevelOfAssurance> actor) {
        return actor.filter(a -> a.compareTo(subject) < 0).orElse(subject);
    }

    /**
     * The policy of {@code audience}.
     *
     * @throws TokenException {@code invalid_target}, {@link ProblemType#NOT_FOUND}, if the hub issues no tokens
     *     for it
     */
    public AudiencePolicy policyOf(String audience) {
        return policies.forAudience(audience).orElseThrow(() -> new TokenException(OAuthError.INVALID_TARGET,
                ProblemType.NOT_FOUND, "no tokens are issued for audience " + printable(audience)));
    }

    /**
     * The level to issue for {@code audience}.
     *
     * @param requested the levels the client asked for ({@code acr_values}); it accepts any of them, so the
     *     lowest is its requirement; empty for none
     * @throws InsufficientUserAuthenticationException if the issued level is below the audience's minimum or
     *     below what the client asked for
     * @throws TokenException {@code invalid_target} for an audience without a policy
     */
    public LevelOfAssurance grant(String audience, LevelOfAssurance subject, Optional<LevelOfAssurance> actor,
            List<LevelOfAssurance> requested) {
        LevelOfAssurance required = policyOf(audience).minimum();
        Optional<LevelOfAssurance> asked = requested.stream().min(LevelOfAssurance::compareTo);
        if (asked.isPresent() && asked.get().compareTo(required) > 0) {
            required = asked.get();
        }
        LevelOfAssurance issued = issuedLevel(subject, actor);
        if (!issued.atLeast(required)) {
            throw new InsufficientUserAuthenticationException(required, issued);
        }
        return issued;
    }

    private static String printable(String value) {
        if (value == null) {
            return "(none)";
        }
        String cut = value.length() > 64 ? value.substring(0, 64) + "..." : value;
        return cut.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
