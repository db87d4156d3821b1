package org.yimatong.hub.lists.ingest;

import java.time.LocalDate;
import java.util.List;

import org.yimatong.hub.lists.RelayedBatch.Relay;
import org.yimatong.hub.registry.Member;
import org.yimatong.schemas.crypto.Jwk;

/**
 * One upload as the doors hand it to {@link BatchIngest}: who sent it ({@code member}, a direct child of this hub),
 * whose list it is ({@code owner}: the member itself, or, for a batch a child hub relays up the tree, the platform
 * in that hub's subtree that signed it), which tag and day, and who vouches for it: the owner's detached
 * {@code signature}; for a list the hub converted from a native format (the member cannot sign), the hub's own
 * key, which then signs the manifest; for a relayed batch, the relaying hubs' countersignatures, the sender's last.
 * {@code epoch} is the month of the list key the pseudonyms are under ({@code yyyy-MM}); {@code null} is the
 * current one at ingest.
 */
public record BatchUpload(Member member, String owner, String batchTag, LocalDate day, String epoch, String signature,
        Jwk convertingHubKey, List<Relay> relays) {

    public BatchUpload {
        relays = List.copyOf(relays);
    }

    public BatchUpload(Member member, String batchTag, LocalDate day, String epoch, String signature) {
        this(member, member.entityId(), batchTag, day, epoch, signature, null, List.of());
    }

    /** A list fetched and converted by the member's adapter, vouched for by the hub's {@code hubKey}. */
    public static BatchUpload convertedByHub(Member member, String batchTag, LocalDate day, String epoch, Jwk hubKey) {
        return new BatchUpload(member, member.entityId(), batchTag, day, epoch, null, hubKey, List.of());
    }

    /** A batch of {@code owner}'s, relayed by the child hub {@code member} (the last of {@code relays}). */
    public static BatchUpload relayed(Member member, String owner, String batchTag, LocalDate day, String epoch,
            String signature, List<Relay> relays) {
        return new BatchUpload(member, owner, batchTag, day, epoch, signature, null, relays);
    }

    public boolean isRelayed() {
        return !relays.isEmpty();
    }

    /** The signature this hub checks against {@code member}'s keys: the sender's countersignature, or the owner's. */
    public String vouchingSignature() {
        return isRelayed() ? relays.get(relays.size() - 1).signature() : signature;
    }
}
