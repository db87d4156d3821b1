package org.yimatong.conformance.engine;

import java.util.Locale;
import java.util.Optional;

/** A test plan: what kind of implementation is under test. */
public enum Plan {
    /** A provincial platform implementing the {@code member-api} tag of the OpenAPI document. */
    MEMBER,
    /** A hub, tested as a member would use it and as its parent would. */
    HUB;

    /** The name used on the command line, in the catalogue and in reports: {@code member}, {@code hub}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Plan> fromCliName(String name) {
        for (Plan plan : values()) {
            if (plan.cliName().equals(name)) {
                return Optional.of(plan);
            }
        }
        return Optional.empty();
    }
}
