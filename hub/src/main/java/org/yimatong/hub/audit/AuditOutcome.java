package org.yimatong.hub.audit;

import java.util.Locale;
import java.util.regex.Pattern;

import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

/**
 * The {@code outcome} of an audit event in the contract's form ({@code audit-event.json}): a word in capitals
 * (an answer status, {@code OK}, {@code STORED}, ...), optionally qualified by a lower-case slug, e.g.
 * {@code UNKNOWN:home-unavailable} or {@code PROBLEM:code-expired}.
 */
public final class AuditOutcome {

    public static final Pattern FORM = Pattern.compile("^[A-Z_]+(:[a-z0-9-]+)?$");

    private AuditOutcome() {
    }

    /** A refusal, by its problem type. */
    public static String problem(ProblemType type) {
        return "PROBLEM:" + type.slug();
    }

    /** A failure: its problem type when it is a refusal of the contract, else {@link #internal()}. */
    public static String failure(Throwable failure) {
        return failure instanceof ProblemException p ? problem(p.type()) : internal();
    }

    /** Something that failed without a problem of the contract. */
    public static String internal() {
        return problem(ProblemType.INTERNAL);
    }

    /** {@code word}, qualified by {@code qualifier} (an enum constant or a word) as a slug when there is one. */
    public static String of(String word, Object qualifier) {
        return qualifier == null ? word
                : word + ":" + qualifier.toString().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @throws IllegalArgumentException for an outcome outside the contract's form */
    public static String require(String outcome) {
        if (outcome == null || !FORM.matcher(outcome).matches()) {
            throw new IllegalArgumentException("audit outcome outside the contract's form: " + outcome);
        }
        return outcome;
    }
}
