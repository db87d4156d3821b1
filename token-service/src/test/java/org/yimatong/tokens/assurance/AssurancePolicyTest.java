package org.yimatong.tokens.assurance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.yimatong.schemas.dictionary.LevelOfAssurance.BASIC;
import static org.yimatong.schemas.dictionary.LevelOfAssurance.HIGH;
import static org.yimatong.schemas.dictionary.LevelOfAssurance.SUBSTANTIAL;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.yimatong.schemas.dictionary.LevelOfAssurance;
import org.yimatong.schemas.payload.Problem;
import org.yimatong.schemas.problem.ProblemType;
import org.yimatong.tokens.oauth.OAuthError;
import org.yimatong.tokens.oauth.TokenException;

class AssurancePolicyTest {

    private final AssurancePolicy policy = new AssurancePolicy(AudiencePolicies.of(
            AudiencePolicy.of("dept-civil", SUBSTANTIAL), AudiencePolicy.of("dept-library", BASIC)));

    @Test
    void levelAtTheAudiencesMinimumIsGrantedUnchanged() {
        assertEquals(SUBSTANTIAL, policy.grant("dept-civil", SUBSTANTIAL, Optional.empty(), List.of()));
        assertEquals(HIGH, policy.grant("dept-civil", HIGH, Optional.empty(), List.of()));
    }

    @Test
    void levelBelowTheAudiencesMinimumIsRefusedWithAChallengeNamingTheRequiredLevel() {
        InsufficientUserAuthenticationException e = assertThrows(InsufficientUserAuthenticationException.class,
                () -> policy.grant("dept-civil", BASIC, Optional.empty(), List.of()));

        assertEquals(OAuthError.INSUFFICIENT_USER_AUTHENTICATION, e.oauthError());
        assertEquals(ProblemType.INSUFFICIENT_USER_AUTHENTICATION, e.type());
        assertEquals("urn:ymt:loa:substantial", e.acrValues());
        assertEquals("Bearer error=\"insufficient_user_authentication\", error_description=\"A different "
                + "authentication level is required\", acr_values=\"urn:ymt:loa:substantial\"", e.challenge());
        Problem problem = e.toProblem("/v1/token");
        assertEquals("insufficient_user_authentication", problem.error());
        assertEquals("urn:ymt:loa:substantial", problem.acrValues());
        assertEquals(401, problem.status());
    }

    @Test
    void requestedLevelAboveTheMinimumBecomesTheRequirement() {
        InsufficientUserAuthenticationException e = assertThrows(InsufficientUserAuthenticationException.class,
                () -> policy.grant("dept-library", SUBSTANTIAL, Optional.empty(), List.of(HIGH)));

        assertEquals(HIGH, e.required());
    }

    @Test
    void requestedLevelsAreAlternativesSoTheLowestCounts() {
        assertEquals(SUBSTANTIAL,
                policy.grant("dept-library", SUBSTANTIAL, Optional.empty(), List.of(HIGH, SUBSTANTIAL)));
    }

    @Test
    void anActorNeverRaisesTheSubjectsLevel() {
        assertEquals(BASIC, AssurancePolicy.issuedLevel(BASIC, Optional.of(HIGH)));
        assertEquals(BASIC, AssurancePolicy.issuedLevel(HIGH, Optional.of(BASIC)));
        assertEquals(SUBSTANTIAL, AssurancePolicy.issuedLevel(SUBSTANTIAL, Optional.empty()));
        for (LevelOfAssurance s : LevelOfAssurance.values()) {
            for (LevelOfAssurance a : LevelOfAssurance.values()) {
                LevelOfAssurance issued = AssurancePolicy.issuedLevel(s, Optional.of(a));
                assertEquals(s.compareTo(a) <= 0 ? s : a, issued, s + " with actor " + a);
            }
        }
    }

    @Test
    void actorWithAHigherLevelCannotLiftASubjectBelowTheMinimum() {
        InsufficientUserAuthenticationException e = assertThrows(InsufficientUserAuthenticationException.class,
                () -> policy.grant("dept-civil", BASIC, Optional.of(HIGH), List.of()));

        assertEquals(BASIC, e.presented());
    }

    @Test
    void unknownLevelStringIsRefusedNotDefaulted() {
        for (String acr : new String[]{ "urn:ymt:loa:medium", "substantial", "URN:YMT:LOA:HIGH", "", null }) {
            TokenException e = assertThrows(TokenException.class,
                    () -> AssurancePolicy.parse(acr, OAuthError.INVALID_REQUEST));
            assertEquals(ProblemType.UNKNOWN_LEVEL_OF_ASSURANCE, e.type(), String.valueOf(acr));
        }
        assertEquals(HIGH, AssurancePolicy.parse("urn:ymt:loa:high", OAuthError.INVALID_REQUEST));
    }

    @Test
    void audienceWithoutAPolicyIsAnInvalidTarget() {
        TokenException e = assertThrows(TokenException.class,
                () -> policy.grant("dept-unknown", HIGH, Optional.empty(), List.of()));

        assertEquals(OAuthError.INVALID_TARGET, e.oauthError());
    }
}
