package org.yimatong.hub.tokens;

import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.yimatong.hub.config.HubConfig;
import org.yimatong.hub.config.PublicUrl;
import org.yimatong.hub.home.YimatongHome;
import org.yimatong.hub.keys.HubKeyRing;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.LevelOfAssurance;
import org.yimatong.tokens.TokenSettings;
import org.yimatong.tokens.assurance.AssurancePolicy;
import org.yimatong.tokens.assurance.AudiencePolicy;
import org.yimatong.tokens.introspection.Introspection;
import org.yimatong.tokens.pairwise.PairwiseSubjects;

/** token-service's objects, configured from {@link TokensConfig} and wired to the hub's stores and keys. */
public class TokenServices {

    @Produces
    @Singleton
    TokenSettings settings(HubConfig hub, PublicUrl publicUrl, TokensConfig config) {
        SignatureProfile profile = profileOf(config.signingAlgorithm(), "ymt.tokens.signing-algorithm", hub);
        return new TokenSettings(hub.entityId(), publicUrl.issuer(), config.accessTokenLifetime(), config.clockSkew(),
                profile);
    }

    @Produces
    @Singleton
    PairwiseSubjects pairwise(TokensConfig config) {
        String secret = config.pairwiseSecret()
                .orElseGet(() -> YimatongHome.secret("pairwise.key", "ymt.tokens.pairwise-secret"));
        return new PairwiseSubjects(Base64.getDecoder().decode(secret.trim()), PairwiseSubjects.Algorithm.HMAC_SM3);
    }

    @Produces
    @Singleton
    AssurancePolicy assurance(TokensConfig config, HubConfig hub) {
        Map<String, AudiencePolicy> policies = new HashMap<>();
        config.audiences().forEach((audience, settings) -> {
            LevelOfAssurance minimum = LevelOfAssurance.fromUri(LevelOfAssurance.URN_PREFIX + settings.minimumLevel())
                    .orElseThrow(() -> new IllegalStateException("ymt.tokens.audiences." + audience
                            + ".minimum-level is not a level: " + settings.minimumLevel()));
            settings.signingAlgorithm().ifPresent(alg -> profileOf(alg, "ymt.tokens.audiences." + audience
                    + ".signing-algorithm", hub));
            policies.put(audience, new AudiencePolicy(audience, minimum,
                    Set.copyOf(settings.otherClients().orElse(List.of()))));
        });
        Map<String, AudiencePolicy> fixed = Map.copyOf(policies);
        return new AssurancePolicy(audience -> Optional.ofNullable(fixed.get(audience)));
    }

    /** The profile named {@code alg}, which the hub must hold a key of. */
    static SignatureProfile profileOf(String alg, String property, HubConfig hub) {
        SignatureProfile profile = SignatureProfile.fromJoseName(alg)
                .orElseThrow(() -> new IllegalStateException(property + " is not an algorithm: " + alg));
        if (!hub.signingAlgorithms().contains(profile.joseName())) {
            throw new IllegalStateException(property + " " + profile.joseName()
                    + " must be one of ymt.hub.signing-algorithms " + hub.signingAlgorithms());
        }
        return profile;
    }

    @Produces
    @Singleton
    Introspection introspection(TokenSettings settings, HubKeyRing keys, PostgresRevocationList revocations,
            Clock clock) {
        return new Introspection(settings, keys, revocations, clock);
    }
}
