package org.yimatong.tokens.assurance;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Finds the policy of an audience; the hub backs it with its registry of departments. */
@FunctionalInterface
public interface AudiencePolicies {

    /** The audience's policy, or empty if this hub issues no tokens for it. */
    Optional<AudiencePolicy> forAudience(String audience);

    /** A fixed set of policies, e.g. for tests. */
    static AudiencePolicies of(AudiencePolicy... policies) {
        Map<String, AudiencePolicy> byAudience = Stream.of(policies)
                .collect(Collectors.toUnmodifiableMap(AudiencePolicy::audience, Function.identity()));
        return audience -> Optional.ofNullable(byAudience.get(audience));
    }
}
