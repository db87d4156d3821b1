package org.yimatong.schemas.batch;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.yimatong.schemas.canonical.CanonicalJson;
import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One line of a red/yellow list batch (DESIGN.md §7, REQ-LIST-2).
 *
 * <p>{@code since} and {@code until} are instants in UTC, whole seconds, written exactly
 * {@code yyyy-MM-ddTHH:mm:ssZ}: instants because retention acts at {@code until} (REQ-LIST-10), and one
 * fixed spelling because the canonical bytes every member digests must not depend on how a timestamp was
 * written. {@code reason} is a member-defined machine code ({@code [a-z][a-z0-9-]{0,63}}), never free text,
 * so no personal data can ride along.
 *
 * @param sub the subject id: HMAC-SM3 of the normalised ID number, 64 lowercase hex characters
 * @param col {@link Colour#RED} or {@link Colour#YELLOW}; green is the absence from the list
 * @param rgn the 6-digit region code of the member that listed the subject
 */
public record ListEntry(String sub, Colour col, Instant since, Instant until, String reason, String rgn) {

    private static final Pattern SUB = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern REASON = Pattern.compile("[a-z][a-z0-9-]{0,63}");
    private static final Pattern REGION = Pattern.compile("[0-9]{6}");
    private static final Pattern INSTANT = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z");

    /**
     * @throws ProblemException {@link ProblemType#BATCH_INVALID} with a field error for each fault
     */
    public ListEntry {
        List<FieldError> errors = check(sub, col, since, until, reason, rgn, "");
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.BATCH_INVALID, "Invalid list entry", errors);
        }
    }

    /**
     * Parses one NDJSON line. Field errors point at {@code /line/<lineNumber>/<member>}, so the hub can refuse
     * a batch with every bad line numbered (REQ-LIST-5).
     *
     * @throws ProblemException {@link ProblemType#BATCH_INVALID} with every fault of this line
     */
    public static ListEntry parseLine(String line, long lineNumber) {
        String at = "/line/" + lineNumber;
        JsonNode node;
        try {
            node = StrictJson.read(line);
        } catch (IOException e) {
            throw new ProblemException(ProblemType.BATCH_INVALID, "Invalid list entry",
                    List.of(new FieldError(at, "not a JSON object")));
        }
        if (!node.isObject()) {
            throw new ProblemException(ProblemType.BATCH_INVALID, "Invalid list entry",
                    List.of(new FieldError(at, "not a JSON object")));
        }
        List<FieldError> errors = new ArrayList<>();
        String sub = text(node, "sub", at, errors);
        String colText = text(node, "col", at, errors);
        Colour col = colText == null ? null : Colour.parse(colText);
        if (colText != null && (col == null || !colText.equals(col.name()))) {
            errors.add(new FieldError(at + "/col", "must be RED or YELLOW"));
            col = null;
        }
        Instant since = instant(node, "since", at, errors);
        Instant until = instant(node, "until", at, errors);
        String reason = text(node, "reason", at, errors);
        String rgn = text(node, "rgn", at, errors);
        List<String> reported = errors.stream().map(FieldError::pointer).toList();
        check(sub, col, since, until, reason, rgn, at).stream()
                .filter(e -> !reported.contains(e.pointer()))
                .forEach(errors::add);
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.BATCH_INVALID, "Invalid list entry", errors);
        }
        return new ListEntry(sub, col, since, until, reason, rgn);
    }

    /** The entry as a JSON object (members in wire order). */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("sub", sub);
        node.put("col", col.name());
        node.put("since", since.toString());
        node.put("until", until.toString());
        node.put("reason", reason);
        node.put("rgn", rgn);
        return node;
    }

    /**
     * The RFC 8785 form of this entry, written directly (members in code-unit order: col, reason, rgn,
     * since, sub, until) because it is computed for every entry of every batch.
     */
    public String canonicalJson() {
        StringBuilder out = new StringBuilder(200);
        out.append("{\"col\":");
        CanonicalJson.appendString(out, col.name());
        out.append(",\"reason\":");
        CanonicalJson.appendString(out, reason);
        out.append(",\"rgn\":");
        CanonicalJson.appendString(out, rgn);
        out.append(",\"since\":");
        CanonicalJson.appendString(out, since.toString());
        out.append(",\"sub\":");
        CanonicalJson.appendString(out, sub);
        out.append(",\"until\":");
        CanonicalJson.appendString(out, until.toString());
        return out.append('}').toString();
    }

    private static List<FieldError> check(String sub, Colour col, Instant since, Instant until, String reason,
            String rgn, String at) {
        List<FieldError> errors = new ArrayList<>();
        if (sub == null || !SUB.matcher(sub).matches()) {
            errors.add(new FieldError(at + "/sub", "must be 64 lowercase hex characters (HMAC-SM3)"));
        }
        if (col != Colour.RED && col != Colour.YELLOW) {
            errors.add(new FieldError(at + "/col", "must be RED or YELLOW"));
        }
        if (!isWireInstant(since)) {
            errors.add(new FieldError(at + "/since", "required, whole seconds, years 0000-9999"));
        }
        if (!isWireInstant(until)) {
            errors.add(new FieldError(at + "/until", "required, whole seconds, years 0000-9999"));
        } else if (since != null && !until.isAfter(since)) {
            errors.add(new FieldError(at + "/until", "must be after since"));
        }
        if (reason == null || !REASON.matcher(reason).matches()) {
            errors.add(new FieldError(at + "/reason", "must be a code matching " + REASON.pattern()));
        }
        if (rgn == null || !REGION.matcher(rgn).matches()) {
            errors.add(new FieldError(at + "/rgn", "must be a 6-digit region code"));
        }
        return errors;
    }

    /** True if {@code Instant.toString()} gives exactly the one spelling the wire allows. */
    private static boolean isWireInstant(Instant instant) {
        return instant != null && INSTANT.matcher(instant.toString()).matches();
    }

    private static String text(JsonNode node, String name, String at, List<FieldError> errors) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError(at + "/" + name, "must be a string"));
            return null;
        }
        return value.textValue();
    }

    private static Instant instant(JsonNode node, String name, String at, List<FieldError> errors) {
        String text = text(node, name, at, errors);
        if (text == null) {
            return null;
        }
        try {
            if (INSTANT.matcher(text).matches()) {
                return Instant.parse(text);
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        errors.add(new FieldError(at + "/" + name, "must be yyyy-MM-ddTHH:mm:ssZ"));
        return null;
    }
}
