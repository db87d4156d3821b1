package org.yimatong.department;

import java.util.Optional;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.yimatong.schemas.dictionary.LevelOfAssurance;

/** The level of assurance a verified hub token carries, held against what a service requires. */
public final class RequiredLevel {

    private RequiredLevel() {
    }

    /**
     * The token's level, if it is at least {@code minimum}.
     *
     * @throws InsufficientLevelException if it is lower, or if {@code acr} is missing or not a level this department
     *     knows: an unknown level is never read as some default, so the person is asked to authenticate again
     */
    public static LevelOfAssurance atLeast(JsonWebToken token, LevelOfAssurance minimum) {
        Object acr = token.getClaim("acr");
        Optional<LevelOfAssurance> presented = acr instanceof String uri ? LevelOfAssurance.fromUri(uri)
                : Optional.empty();
        if (presented.isEmpty() || !presented.get().atLeast(minimum)) {
            throw new InsufficientLevelException(minimum, presented);
        }
        return presented.get();
    }
}
