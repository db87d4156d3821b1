package org.yimatong.conformance.plans.hub;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.yimatong.conformance.counterpart.Identity;
import org.yimatong.conformance.engine.Check;
import org.yimatong.conformance.engine.Conformance;
import org.yimatong.conformance.engine.TestContext;
import org.yimatong.schemas.batch.BatchDigest;
import org.yimatong.schemas.batch.BatchManifest;
import org.yimatong.schemas.batch.BatchSignature;
import org.yimatong.schemas.batch.CanonicalBatch;
import org.yimatong.schemas.batch.ListEntry;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.jose.JwsSigner;
import org.yimatong.schemas.payload.PayloadJson;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Red/yellow lists: the list key (REQ-LIST-1, -11), daily batches, the changes feed (REQ-LIST-1..6), and batches a
 * child hub relays up the tree (REQ-LIST-12).
 */
public final class HubListTests {

    @Conformance(id = "YMT-HLIST-001", title = "The list key of the epoch is given to an authenticated member only",
            requirements = { "REQ-LIST-1" })
    public void listKey(TestContext ctx) {
        VirtualMember member = VirtualFederation.of(ctx).active();
        HubCalls.asMember(ctx, member, ctx.http().get("/v1/lists/key")).send()
                .expectJson(200, "list-key.json", "REQ-LIST-1: an authenticated member gets the list key");
        ctx.http().get("/v1/lists/key").send()
                .expectProblem(ProblemType.UNAUTHENTICATED, "REQ-LIST-1: the list key is for authenticated members");
    }

    @Conformance(id = "YMT-HLIST-002",
            title = "A signed full list is stored with its diff; the same batchTag again is a replay, not a second change set",
            requirements = { "REQ-LIST-2", "REQ-LIST-3", "REQ-LIST-4" })
    public void signedBatchAndIdempotentReplay(TestContext ctx) {
        ListedBatch batch = ListedBatch.of(ctx);
        VirtualMember member = VirtualFederation.of(ctx).active();
        Check.equal(2, batch.receipt().path("count").asInt(), "count of the receipt", "REQ-LIST-2");

        JsonNode replay = ListedBatch.send(ctx, member, batch.batchTag(), batch.day(), batch.signature(),
                ListedBatch.ndjson(batch.entries()))
                .expectJson(200, "batch-receipt.json",
                        "REQ-LIST-4: the same batchTag again answers the original receipt");

        Check.that(replay.path("replay").asBoolean(), "REQ-LIST-4: the second answer says replay: true");
        for (String field : List.of("added", "changed", "removed", "unchanged", "digest", "storedAt")) {
            Check.equal(batch.receipt().path(field), replay.path(field), field + " of the replayed receipt",
                    "REQ-LIST-4: a replay records no second change set");
        }
    }

    @Conformance(id = "YMT-HLIST-003",
            title = "An unsigned batch, or one signed by a key the member never registered, is refused",
            requirements = { "REQ-LIST-2", "REQ-LIST-3" }, negative = true)
    public void unsignedOrForgedBatch(TestContext ctx) {
        VirtualMember member = VirtualFederation.of(ctx).active();
        List<ListEntry> entries = ListedBatch.of(ctx).entries();
        String tag = "conformance-unsigned-" + System.nanoTime();

        ListedBatch.send(ctx, member, tag, ListedBatch.of(ctx).day(), null, ListedBatch.ndjson(entries))
                .expectProblem(ProblemType.VALIDATION_FAILED, "REQ-LIST-3: a batch needs its Ymt-Batch-Signature");
        VirtualMember forger = new VirtualMember(new Identity(member.entityId(),
                Jwk.generate(SignatureProfile.SM2).withKid(member.identity().key().kid()), Clock.systemUTC()),
                member.kind(), member.prefix(), member.path());
        ListedBatch.send(ctx, member, tag, ListedBatch.of(ctx).day(),
                ListedBatch.signature(forger, tag, ListedBatch.of(ctx).day(), entries), ListedBatch.ndjson(entries))
                .expectProblem(ProblemType.SIGNATURE_INVALID, "REQ-LIST-3: a batch signed by another key is refused");
    }

    @Conformance(id = "YMT-HLIST-004", title = "A batch with a bad line is refused whole, the line numbered",
            requirements = { "REQ-LIST-5", "REQ-ERR-1" }, negative = true)
    public void badLineRefusesTheBatch(TestContext ctx) {
        VirtualMember member = VirtualFederation.of(ctx).active();
        List<ListEntry> entries = ListedBatch.of(ctx).entries();
        String tag = "conformance-bad-line-" + System.nanoTime();
        String body = entries.get(0).toJson().toString() + "\n{\"sub\":\"not-a-pseudonym\",\"col\":\"PURPLE\"}\n";

        JsonNode problem = ListedBatch.send(ctx, member, tag, ListedBatch.of(ctx).day(),
                ListedBatch.signature(member, tag, ListedBatch.of(ctx).day(), entries), body)
                .expectProblem(ProblemType.BATCH_INVALID, "REQ-LIST-5: an invalid line refuses the whole batch");
        boolean secondLineNamed = false;
        for (JsonNode error : problem.path("errors")) {
            String pointer = error.path("pointer").asText();
            secondLineNamed |= pointer.equals("/line/2") || pointer.startsWith("/line/2/");
        }
        Check.that(secondLineNamed, "REQ-LIST-5: the bad line is named as /line/2 in errors[]; got "
                + problem.path("errors"));
    }

    @Conformance(id = "YMT-HLIST-005",
            title = "The changes feed pages by cursor: each page after the last, never repeating a change",
            requirements = { "REQ-LIST-6" })
    public void feedPagesByCursor(TestContext ctx) {
        ListedBatch.of(ctx);
        VirtualMember reader = VirtualFederation.of(ctx).active();

        JsonNode first = ChangeFeed.page(ctx, reader, null, 1);
        Check.equal(1, first.path("changes").size(), "changes on a page of limit 1", "REQ-LIST-6: limit is honoured");
        Check.that(first.path("hasMore").asBoolean(), "REQ-LIST-6: with the suite's two listed subjects stored, a"
                + " page of one has more after it");
        JsonNode second = ChangeFeed.page(ctx, reader, first.path("next").asText(), 1);
        long firstSeq = first.path("changes").get(0).path("seq").asLong();
        long secondSeq = second.path("changes").path(0).path("seq").asLong(-1);
        Check.that(secondSeq > firstSeq, "REQ-LIST-6: the page after the cursor starts after the last change seen"
                + " (seq " + firstSeq + "), got seq " + secondSeq);
    }

    @Conformance(id = "YMT-HLIST-010",
            title = "The same batchTag again with other entries is a conflict, not a second change set",
            requirements = { "REQ-LIST-4" }, negative = true)
    public void sameTagOtherDigestIsAConflict(TestContext ctx) {
        ListedBatch batch = ListedBatch.of(ctx);
        VirtualMember member = VirtualFederation.of(ctx).active();
        List<ListEntry> fewer = List.of(batch.red());

        ListedBatch.send(ctx, member, batch.batchTag(), batch.day(),
                ListedBatch.signature(member, batch.batchTag(), batch.day(), fewer), ListedBatch.ndjson(fewer))
                .expectProblem(ProblemType.CONFLICT, "REQ-LIST-4: a batchTag names one batch; other entries under it"
                        + " are refused");
    }

    @Conformance(id = "YMT-HLIST-011", title = "A changes-feed cursor the hub never issued is refused as a problem",
            requirements = { "REQ-LIST-6", "REQ-ERR-1" }, negative = true)
    public void foreignCursorIsRefused(TestContext ctx) {
        VirtualMember reader = VirtualFederation.of(ctx).active();
        HubCalls.asMember(ctx, reader, ctx.http().get("/v1/lists/changes?after=not-a-cursor-of-this-hub")).send()
                .expectProblem(ProblemType.VALIDATION_FAILED, "REQ-LIST-6: an unknown cursor is refused, never read"
                        + " as a time or an offset");
    }

    @Conformance(id = "YMT-HLIST-012",
            title = "A batch signed with SM2 over a SHA-256 digest is refused: SM3 goes with SM2",
            requirements = { "REQ-CRYPTO-2", "REQ-LIST-3" }, negative = true)
    public void sm2WithSha256IsRefused(TestContext ctx) {
        VirtualMember member = VirtualFederation.of(ctx).active();
        List<ListEntry> entries = ListedBatch.of(ctx).entries();
        String tag = "conformance-sha256-" + System.nanoTime();
        LocalDate day = ListedBatch.of(ctx).day();
        BatchManifest manifest = new BatchManifest(
                member.entityId(), tag, day, entries.size(), CanonicalBatch.digest(entries, BatchDigest.SHA_256));
        // signed by hand: the library's own signer refuses this mismatch, as the hub must
        String signature = JwsSigner.signDetached(member.identity().key(), BatchSignature.TYP, manifest
                .canonicalBytes());

        ListedBatch.send(ctx, member, tag, day, signature, ListedBatch.ndjson(entries))
                .expectProblem(ProblemType.SIGNATURE_INVALID, "REQ-CRYPTO-2: an SM2 signature covers an SM3 digest");
    }

    @Conformance(id = "YMT-HLIST-013",
            title = "A batch a child hub relays for a platform of its subtree is stored under that platform, answered from the hub's own state, and never fed back to that child hub",
            requirements = { "REQ-LIST-12", "REQ-LIST-8", "REQ-GREEN-1" })
    public void relayedBatchIsHeldAndNotFedBack(TestContext ctx) throws JsonProcessingException {
        VirtualFederation federation = VirtualFederation.of(ctx);
        VirtualMember childHub = federation.childHub();
        VirtualMember other = federation.active();
        String cursor = ChangeFeed.end(ctx, other);
        SubtreeBatch batch = SubtreeBatch.listing(SubtreeBatch.subtreeOwner(ctx), "relayed");
        VirtualMember owner = batch.owner();

        JsonNode receipt = batch.relay(ctx, childHub, batch.relaysBy(childHub, childHub.identity().key()))
                .expectJson(201, "batch-receipt.json", "REQ-LIST-12: a child hub relays the batches of its subtree"
                        + " (owner's body and signature unchanged, its countersignature last in Ymt-Batch-Relays)");
        Check.equal(owner.entityId(), receipt.path("member").asText(), "member of the receipt",
                "REQ-LIST-12: the entries are stored under the list owner, not the relaying hub");
        Check.equal(2, receipt.path("count").asInt(), "count of the receipt", "REQ-LIST-12");

        for (ListEntry entry : batch.entries()) {
            JsonNode answer = HubGreenLookupTests.lookup(ctx, other, entry.sub(), entry.rgn()).send()
                    .expectJson(200, "green-lookup-result.json", "REQ-GREEN-1: a green lookup is answered");
            Check.equal(entry.col().name(), answer.path("status").asText(), "status of a subject listed "
                    + entry.col() + " in the relayed batch, looked up by another member",
                    "REQ-LIST-12: every hub holds the lists of its subtree and answers from its own state");
            Check.equal("LIST", answer.path("source").asText(), "source", "REQ-LIST-12: answered from the hub's own"
                    + " list state (the batch came up the tree; nobody is asked)");
            Check.equal(owner.entityId(), answer.path("home").asText(), "home (the listing member)",
                    "REQ-LIST-12: the listing is the owner platform's");
        }

        List<JsonNode> seenByOther = ofSubjects(ChangeFeed.after(ctx, other, cursor), batch.subs());
        Check.equal(batch.subs().size(), seenByOther.size(), "changes of the relayed subjects in the feed as "
                + other.entityId() + " reads it", "REQ-LIST-12: a change relayed up the tree is visible to every"
                        + " other reader of the hub's feed");
        for (JsonNode change : seenByOther) {
            Check.equal(owner.entityId(), change.path("member").asText(), "member of the change of "
                    + change.path("sub").asText(), "REQ-LIST-12: the change names the owner platform");
        }
        List<JsonNode> seenByChild = ofSubjects(ChangeFeed.after(ctx, childHub, cursor), batch.subs());
        Check.that(seenByChild.isEmpty(), "REQ-LIST-12: the hub never sends a child hub back the changes that came"
                + " through it; the feed as " + childHub.entityId() + " reads it holds " + seenByChild.size()
                + " of them");

        JsonNode provenance = HubCalls.asMember(ctx, other, ctx.http().get("/v1/lists/batches/" + batch.batchTag()
                + "/provenance?member=" + owner.entityId())).send()
                .expectJson(200, "batch-provenance.json", "REQ-LIST-8: a relayed batch has its provenance");
        BatchManifest manifest = PayloadJson.mapper().treeToValue(provenance.path("manifest"), BatchManifest.class);
        Check.equal(batch.manifest(), manifest, "manifest of the provenance", "REQ-LIST-12: provenance keeps the"
                + " original signer's manifest");
        try {
            BatchSignature.verify(provenance.path("signature").asText(), manifest, owner.identity().publicKeys());
        } catch (RuntimeException e) {
            throw Check.fail("REQ-LIST-12: the provenance of a relayed batch keeps the owner's own signature, which"
                    + " re-verifies with the owner's key end to end (REQ-LIST-8): " + e.getMessage());
        }
        ctx.note(batch.entries().size() + " entries of " + owner.entityId() + " relayed by " + childHub.entityId());
    }

    @Conformance(id = "YMT-HLIST-014",
            title = "A relayed batch with a forged countersignature, or relaying the list of the hub's own member, is refused and changes nothing",
            requirements = { "REQ-LIST-12", "REQ-LIST-3" }, negative = true)
    public void forgedOrForeignRelayIsRefused(TestContext ctx) {
        VirtualFederation federation = VirtualFederation.of(ctx);
        VirtualMember childHub = federation.childHub();
        VirtualMember other = federation.active();
        String cursor = ChangeFeed.end(ctx, other);

        SubtreeBatch forged = SubtreeBatch.listing(SubtreeBatch.subtreeOwner(ctx), "forged-relay");
        Jwk forger = Jwk.generate(SignatureProfile.SM2).withKid(childHub.identity().key().kid());
        forged.relay(ctx, childHub, forged.relaysBy(childHub, forger)).expectProblem(ProblemType.SIGNATURE_INVALID,
                "REQ-LIST-12: a countersignature is checked against the sending child hub's keys; one made with"
                        + " another key under its kid is refused");

        SubtreeBatch ofOwnMember = SubtreeBatch.listing(other, "relayed-own-member");
        ofOwnMember.relay(ctx, childHub, ofOwnMember.relaysBy(childHub, childHub.identity().key()))
                .expectProblem(ProblemType.FORBIDDEN, "REQ-LIST-12: a child hub relays only lists of its own"
                        + " subtree; " + other.entityId() + " is the hub's own member and uploads its own list");

        for (SubtreeBatch refused : List.of(forged, ofOwnMember)) {
            for (ListEntry entry : refused.entries()) {
                JsonNode answer = HubGreenLookupTests.lookup(ctx, other, entry.sub(), entry.rgn()).send()
                        .expectJson(200, "green-lookup-result.json", "REQ-GREEN-1: a green lookup is answered");
                Check.equal("GREEN", answer.path("status").asText(), "status of a subject only a refused relay"
                        + " listed", "REQ-LIST-12: a refused relay changes nothing");
            }
            HubCalls.asMember(ctx, other, ctx.http().get("/v1/lists/batches/" + refused.batchTag()
                    + "/provenance?member=" + refused.owner().entityId())).send()
                    .expectProblem(ProblemType.NOT_FOUND, "REQ-LIST-12: a refused relay stores no batch");
        }
        List<String> refusedSubs = new ArrayList<>(forged.subs());
        refusedSubs.addAll(ofOwnMember.subs());
        List<JsonNode> recorded = ofSubjects(ChangeFeed.after(ctx, other, cursor), refusedSubs);
        Check.that(recorded.isEmpty(), "REQ-LIST-12: a refused relay records no change; the feed holds "
                + recorded.size() + " changes of its subjects");
    }

    @Conformance(id = "YMT-HLIST-015",
            title = "The list key goes to platforms and child hubs, the same key to both; a client record is refused 403 forbidden",
            requirements = { "REQ-LIST-11", "REQ-LIST-1" }, negative = true)
    public void listKeyOnlyForRecordsWithRegions(TestContext ctx) {
        VirtualFederation federation = VirtualFederation.of(ctx);
        VirtualMember client = VirtualFederation.client(ctx);

        HubCalls.asMember(ctx, client, ctx.http().get("/v1/lists/key")).send()
                .expectProblem(ProblemType.FORBIDDEN, "REQ-LIST-11: a client (a record without region prefixes: a"
                        + " department, a checkpoint app) never receives the list key");
        JsonNode platform = HubCalls.asMember(ctx, federation.active(), ctx.http().get("/v1/lists/key")).send()
                .expectJson(200, "list-key.json", "REQ-LIST-11: a platform gets the list key of the epoch");
        JsonNode childHub = HubCalls.asMember(ctx, federation.childHub(), ctx.http().get("/v1/lists/key")).send()
                .expectJson(200, "list-key.json", "REQ-LIST-11: a child hub fetches the list key from its parent");
        Check.equal(platform.path("epoch").asText(), childHub.path("epoch").asText(), "epoch given to the child hub",
                "REQ-LIST-11: one key per epoch");
        // compared, never printed: the key is a secret
        Check.that(platform.path("key").asText().equals(childHub.path("key").asText()), "REQ-LIST-11: one list key"
                + " per epoch for the whole federation; the platform and the child hub were given different keys"
                + " for epoch " + platform.path("epoch").asText());
    }

    /** The changes of {@code subs}, in feed order. */
    private static List<JsonNode> ofSubjects(List<JsonNode> changes, List<String> subs) {
        Set<String> wanted = Set.copyOf(subs);
        return changes.stream().filter(c -> wanted.contains(c.path("sub").asText())).toList();
    }
}
