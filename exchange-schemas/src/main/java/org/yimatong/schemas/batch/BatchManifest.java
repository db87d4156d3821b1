package org.yimatong.schemas.batch;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.yimatong.schemas.canonical.CanonicalJson;
import org.yimatong.schemas.payload.validation.Patterns;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a member signs for a daily batch (DESIGN.md §7, REQ-LIST-3): who, which upload, which day, how many
 * entries and the digest of their canonical bytes. The signature covers {@link #canonicalBytes()}.
 * This record is also the JSON payload of schema {@code batch-manifest.json} (Jackson reads and writes its
 * components, {@code day} as {@code yyyy-MM-dd} with {@code PayloadJson.mapper()}), e.g. in
 * {@code BatchProvenance.manifest}.
 *
 * @param member the uploading member's entity id
 * @param batchTag the member's idempotency tag for this upload
 * @param day the day whose full list this is
 * @param digest {@code sm3:<hex>} or {@code sha-256:<hex>}, see {@link BatchDigest}
 */
public record BatchManifest(String member, String batchTag, LocalDate day, long count, String digest) {

    /**
     * @throws ProblemException {@link ProblemType#BATCH_INVALID} with a field error for each fault
     */
    public BatchManifest {
        List<FieldError> errors = new ArrayList<>();
        if (member == null || !Patterns.ENTITY_ID.matcher(member).matches()) {
            errors.add(new FieldError("/member", "must be an entity id, " + Patterns.ENTITY_ID.pattern()));
        }
        if (batchTag == null || !Patterns.BATCH_TAG.matcher(batchTag).matches()) {
            errors.add(new FieldError("/batchTag", "must match " + Patterns.BATCH_TAG.pattern()));
        }
        if (day == null) {
            errors.add(new FieldError("/day", "required"));
        }
        if (count < 0) {
            errors.add(new FieldError("/count", "must not be negative"));
        }
        if (BatchDigest.of(digest) == null) {
            errors.add(new FieldError("/digest", "must be sm3:<64 hex> or sha-256:<64 hex>"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.BATCH_INVALID, "Invalid batch manifest", errors);
        }
    }

    /** The algorithm named by {@link #digest()}. */
    public BatchDigest digestAlgorithm() {
        return BatchDigest.of(digest);
    }

    /** {@code {member, batchTag, day, count, digest}}; {@code day} as {@code yyyy-MM-dd}. */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("member", member);
        node.put("batchTag", batchTag);
        node.put("day", day.toString());
        node.put("count", count);
        node.put("digest", digest);
        return node;
    }

    /** The RFC 8785 bytes of {@link #toJson()}: what {@link BatchSignature} signs. */
    public byte[] canonicalBytes() {
        return CanonicalJson.canonicalize(toJson());
    }
}
