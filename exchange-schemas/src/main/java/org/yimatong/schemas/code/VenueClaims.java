package org.yimatong.schemas.code;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import org.yimatong.schemas.dictionary.VenueKind;
import org.yimatong.schemas.payload.validation.FieldChecks;
import org.yimatong.schemas.payload.validation.Patterns;
import org.yimatong.schemas.problem.FieldError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The claims of a venue code (场所码, DESIGN.md §5a, REQ-VENUE-1): what a venue registered with its platform posts at
 * its door for visitors to scan. On the wire {@code iat}/{@code exp} are NumericDates (whole seconds) and members
 * appear in the order of this record.
 *
 * @param iss the venue's platform, an entity id ({@code ymt:member:620000})
 * @param vid the venue's id at that platform
 * @param rgn the 6-digit GB/T 2260 region code of the venue
 * @param knd the kind of place (data dictionary {@code venue-kinds})
 * @param nam the name visitors see after scanning: 1 to 100 characters, never a resident ID number
 */
public record VenueClaims(String iss, String vid, String rgn, VenueKind knd, String nam, Instant iat, Instant exp) {

    /** A venue id: what a checkpoint id may be, so a platform can use one id for both. */
    public static final Pattern VENUE_ID = Patterns.CHECKPOINT_ID;
    /** Longest display name, as a member's {@code displayName}. */
    public static final int MAX_NAME = 100;

    /** Faults of these claims, one field error each (pointer {@code /<claim>}); empty if well formed. */
    public List<FieldError> validate() {
        FieldChecks c = FieldChecks.start()
                .requiredMatching("/iss", iss, Patterns.ENTITY_ID)
                .requiredMatching("/vid", vid, VENUE_ID)
                .requiredMatching("/rgn", rgn, Patterns.REGION_CODE)
                .check(knd != null, "/knd", "must be a venue kind of the data dictionary")
                .required("/nam", nam)
                .length("/nam", nam, 1, MAX_NAME)
                .noIdNumber("/nam", nam)
                .check(iat != null && iat.getNano() == 0, "/iat", "must be whole seconds");
        if (exp == null || exp.getNano() != 0) {
            c.fail("/exp", "must be whole seconds");
        } else if (iat != null && exp.isBefore(iat)) {
            c.fail("/exp", "must not be before iat");
        }
        return c.errors();
    }

    /** The claims object, members in record order. */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("iss", iss);
        node.put("vid", vid);
        node.put("rgn", rgn);
        node.put("knd", knd == null ? null : knd.name());
        node.put("nam", nam);
        node.put("iat", iat == null ? null : iat.getEpochSecond());
        node.put("exp", exp == null ? null : exp.getEpochSecond());
        return node;
    }

    /**
     * Reads a claims object. Type faults go to {@code errors} and leave that claim {@code null}, so
     * {@link #validate()} reports everything else too.
     */
    static VenueClaims fromJson(JsonNode node, List<FieldError> errors) {
        return new VenueClaims(ClaimReader.text(node, "iss", errors), ClaimReader.text(node, "vid", errors),
                ClaimReader.text(node, "rgn", errors), kind(node, errors), ClaimReader.text(node, "nam", errors),
                ClaimReader.numericDate(node, "iat", errors), ClaimReader.numericDate(node, "exp", errors));
    }

    private static VenueKind kind(JsonNode node, List<FieldError> errors) {
        String name = ClaimReader.text(node, "knd", errors);
        for (VenueKind k : VenueKind.values()) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        return null;
    }
}
