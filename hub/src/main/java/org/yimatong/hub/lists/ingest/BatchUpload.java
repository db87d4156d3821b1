package org.yimatong.hub.lists.ingest;

import java.time.LocalDate;

import org.yimatong.hub.registry.Member;
import org.yimatong.schemas.crypto.Jwk;

/**
 * One upload as the doors hand it to {@link BatchIngest}: who, which tag and day, and who vouches for it: the
 * member's detached {@code signature}, or, for a list the hub converted from a native format (the member cannot
 * sign), the hub's own key, which then signs the manifest so that receivers can still verify its provenance.
 */
public record BatchUpload(Member member, String batchTag, LocalDate day, String signature, Jwk convertingHubKey) {

    public BatchUpload(Member member, String batchTag, LocalDate day, String signature) {
        this(member, batchTag, day, signature, null);
    }

    /** A list fetched and converted by the member's adapter, vouched for by the hub's {@code hubKey}. */
    public static BatchUpload convertedByHub(Member member, String batchTag, LocalDate day, Jwk hubKey) {
        return new BatchUpload(member, batchTag, day, null, hubKey);
    }
}
