package org.yimatong.department;

import java.util.Objects;
import java.util.Optional;

import org.yimatong.schemas.dictionary.LevelOfAssurance;

/**
 * A valid hub token whose level of assurance is below what the service requires (RFC 9470): the client should send
 * the person back to the hub's single sign-on with {@code acr_values} = {@link #required()}.
 */
public class InsufficientLevelException extends RuntimeException {

    private final LevelOfAssurance required;
    private final Optional<LevelOfAssurance> presented;

    public InsufficientLevelException(LevelOfAssurance required, Optional<LevelOfAssurance> presented) {
        super("this service requires " + required.uri() + "; the token carries "
                + presented.map(LevelOfAssurance::uri).orElse("no known level"), null, false, false);
        this.required = Objects.requireNonNull(required);
        this.presented = Objects.requireNonNull(presented);
    }

    public LevelOfAssurance required() {
        return required;
    }

    public Optional<LevelOfAssurance> presented() {
        return presented;
    }
}
