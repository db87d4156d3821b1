package org.yimatong.schemas.code;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.yimatong.schemas.crypto.Base64Url;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.problem.FieldError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The claims of a dynamic code (DESIGN.md §5, REQ-CODE-1). On the wire {@code col} is one letter and
 * {@code iat}/{@code exp} are NumericDates (whole seconds since the epoch), in the member order of this
 * record.
 *
 * @param iss issuing member's entity id, e.g. {@code ymt:member:310000}
 * @param sub pseudonymous, issuer-scoped subject id
 * @param jti code id: 128 random bits, base64url (22 characters), see {@link DynamicCodeCodec#newJti()}
 * @param col the colour the issuer signed
 * @param rgn the issuer's 6-digit GB/T 2260 region code
 * @param hld on a relative's code (亲属码, REQ-CODE-4) the pseudonym, at the issuer, of the guardian who holds and
 *     shows it; {@code null} (and absent on the wire) on a person's own code
 */
public record CodeClaims(String iss, String sub, String jti, Colour col, String rgn, Instant iat, Instant exp,
        String hld) {

    /** A person's own code: no holder. */
    public CodeClaims(String iss, String sub, String jti, Colour col, String rgn, Instant iat, Instant exp) {
        this(iss, sub, jti, col, rgn, iat, exp, null);
    }

    /** True for a code a guardian shows for a dependant ({@code hld} present). */
    public boolean isDependant() {
        return hld != null;
    }

    private static final Pattern REGION = Pattern.compile("[0-9]{6}");
    private static final int JTI_BYTES = 16;
    private static final int MAX_TEXT = 256;

    /** Faults of these claims, one field error each (pointer {@code /<claim>}); empty if well formed. */
    public List<FieldError> validate() {
        List<FieldError> errors = new ArrayList<>();
        requireText(errors, "iss", iss);
        requireText(errors, "sub", sub);
        if (hld != null) {
            requireText(errors, "hld", hld);
            if (!hld.isBlank() && hld.equals(sub)) {
                // a person showing their own code is not holding anyone else's
                errors.add(new FieldError("/hld", "must differ from sub"));
            }
        }
        if (!isJti(jti)) {
            errors.add(new FieldError("/jti", "must be 128 bits, base64url"));
        }
        if (col == null) {
            errors.add(new FieldError("/col", "must be G, Y or R"));
        }
        if (rgn == null || !REGION.matcher(rgn).matches()) {
            errors.add(new FieldError("/rgn", "must be a 6-digit region code"));
        }
        if (iat == null || iat.getNano() != 0) {
            errors.add(new FieldError("/iat", "must be whole seconds"));
        }
        if (exp == null || exp.getNano() != 0) {
            errors.add(new FieldError("/exp", "must be whole seconds"));
        } else if (iat != null && exp.isBefore(iat)) {
            errors.add(new FieldError("/exp", "must not be before iat"));
        }
        return errors;
    }

    /** The claims object, members in record order; {@code hld} only on a relative's code. */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("iss", iss);
        node.put("sub", sub);
        node.put("jti", jti);
        node.put("col", col == null ? null : col.letter());
        node.put("rgn", rgn);
        node.put("iat", iat == null ? null : iat.getEpochSecond());
        node.put("exp", exp == null ? null : exp.getEpochSecond());
        if (hld != null) {
            node.put("hld", hld);
        }
        return node;
    }

    /**
     * Reads a claims object. Type faults (a number where a string belongs, a fractional NumericDate, a colour
     * that is not G/Y/R) go to {@code errors} and leave that claim {@code null}, so {@link #validate()}
     * reports everything else too.
     */
    static CodeClaims fromJson(JsonNode node, List<FieldError> errors) {
        return new CodeClaims(ClaimReader.text(node, "iss", errors), ClaimReader.text(node, "sub", errors),
                ClaimReader.text(node, "jti", errors), colour(node, errors), ClaimReader.text(node, "rgn", errors),
                ClaimReader.numericDate(node, "iat", errors), ClaimReader.numericDate(node, "exp", errors),
                ClaimReader.text(node, "hld", errors));
    }

    private static boolean isJti(String jti) {
        if (jti == null) {
            return false;
        }
        try {
            return Base64Url.decode(jti).length == JTI_BYTES;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void requireText(List<FieldError> errors, String name, String value) {
        if (value == null || value.isBlank() || value.length() > MAX_TEXT) {
            errors.add(new FieldError("/" + name, "required, at most " + MAX_TEXT + " characters"));
        }
    }

    private static Colour colour(JsonNode node, List<FieldError> errors) {
        String letter = ClaimReader.text(node, "col", errors);
        for (Colour c : Colour.values()) {
            if (c.letter().equals(letter)) {
                return c;
            }
        }
        return null;
    }
}
