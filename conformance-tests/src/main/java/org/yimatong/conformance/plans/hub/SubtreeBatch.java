package org.yimatong.conformance.plans.hub;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.yimatong.conformance.counterpart.Identity;
import org.yimatong.conformance.engine.TestContext;
import org.yimatong.conformance.http.HttpAnswer;
import org.yimatong.schemas.batch.BatchDigest;
import org.yimatong.schemas.batch.BatchManifest;
import org.yimatong.schemas.batch.BatchRelaySignature;
import org.yimatong.schemas.batch.BatchSignature;
import org.yimatong.schemas.batch.CanonicalBatch;
import org.yimatong.schemas.batch.ListEntry;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.dictionary.MemberKind;

/**
 * A daily list of a platform in the virtual child hub's subtree, as the child hub relays it to the hub under test
 * (REQ-LIST-12): the owner's canonical NDJSON and {@code Ymt-Batch-Signature} (made with a key the hub under test has
 * never seen: the owner is registered at the child hub, not there), sent by the child hub with
 * {@code member=<owner>} and its countersignature in {@code Ymt-Batch-Relays}.
 *
 * @param owner the platform whose list it is
 * @param entries one RED and one YELLOW subject, each a new pseudonym of this batch
 */
record SubtreeBatch(VirtualMember owner, String batchTag, LocalDate day, List<ListEntry> entries) {

    static final String RELAYS_HEADER = "Ymt-Batch-Relays";

    /**
     * The platform under the virtual child hub whose lists are relayed: in the child hub's region, never registered at
     * the hub under test, its key drawn once per run.
     */
    static VirtualMember subtreeOwner(TestContext ctx) {
        return ctx.run().shared("subtree-owner", () -> {
            VirtualMember childHub = VirtualFederation.of(ctx).childHub();
            String id = "ymt:member:" + (childHub.prefix() + "0200").substring(0, 6);
            return new VirtualMember(Identity.generate(id, SignatureProfile.SM2), MemberKind.PLATFORM,
                    childHub.prefix(), "unused");
        });
    }

    /** A new full list of {@code owner} (today, a fresh tag), one RED and one YELLOW subject in its region. */
    static SubtreeBatch listing(VirtualMember owner, String label) {
        String tag = "conformance-" + label + "-" + UUID.randomUUID().toString().substring(0, 8);
        Instant since = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.DAYS);
        List<ListEntry> entries = List.of(
                new ListEntry(VirtualMember.subject(label + " red " + tag), Colour.RED, since,
                        since.plus(14, ChronoUnit.DAYS), "conformance", owner.regionCode()),
                new ListEntry(VirtualMember.subject(label + " yellow " + tag), Colour.YELLOW, since,
                        since.plus(7, ChronoUnit.DAYS), "conformance", owner.regionCode()));
        return new SubtreeBatch(owner, tag, LocalDate.now(ZoneOffset.UTC), entries);
    }

    /** The manifest both the owner's signature and every countersignature cover. */
    BatchManifest manifest() {
        return new BatchManifest(owner.entityId(), batchTag, day, entries.size(),
                CanonicalBatch.digest(entries, BatchDigest.forProfile(owner.identity().key().profile())));
    }

    /** The owner's {@code Ymt-Batch-Signature}. */
    String ownerSignature() {
        return BatchSignature.sign(manifest(), owner.identity().key());
    }

    /** {@code Ymt-Batch-Relays} of one relay: {@code relay}'s entity id and a countersignature made with {@code key}. */
    String relaysBy(VirtualMember relay, Jwk key) {
        return relay.entityId() + "=" + BatchRelaySignature.sign(manifest(), key);
    }

    /** {@code POST /v1/lists/batches?member=<owner>...} as {@code sender}, with the owner's signature and {@code relays}. */
    HttpAnswer relay(TestContext ctx, VirtualMember sender, String relays) {
        return HubCalls.asMember(ctx, sender, ctx.http().post("/v1/lists/batches?member=" + owner.entityId()
                + "&batchTag=" + batchTag + "&day=" + day))
                .header("Ymt-Batch-Signature", ownerSignature()).header(RELAYS_HEADER, relays)
                .body(ListedBatch.ndjson(entries).getBytes(StandardCharsets.UTF_8), "application/x-ndjson").send();
    }

    List<String> subs() {
        return entries.stream().map(ListEntry::sub).toList();
    }
}
