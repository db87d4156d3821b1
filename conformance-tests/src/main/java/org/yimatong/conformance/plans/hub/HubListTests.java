package org.yimatong.conformance.plans.hub;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

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
import org.yimatong.schemas.problem.ProblemType;

/** Red/yellow lists: the list key, daily batches, the changes feed (REQ-LIST-1..6). */
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

    @Conformance(id = "YMT-HLIST-002", title = "A signed full list is stored with its diff; the same batchTag again is a replay, not a second change set",
            requirements = { "REQ-LIST-2", "REQ-LIST-3", "REQ-LIST-4" })
    public void signedBatchAndIdempotentReplay(TestContext ctx) {
        ListedBatch batch = ListedBatch.of(ctx);
        VirtualMember member = VirtualFederation.of(ctx).active();
        Check.equal(2, batch.receipt().path("count").asInt(), "count of the receipt", "REQ-LIST-2");

        JsonNode replay = ListedBatch.send(ctx, member, batch.batchTag(), batch.day(), batch.signature(),
                ListedBatch.ndjson(batch.entries()))
                .expectJson(200, "batch-receipt.json", "REQ-LIST-4: the same batchTag again answers the original receipt");

        Check.that(replay.path("replay").asBoolean(), "REQ-LIST-4: the second answer says replay: true");
        for (String field : List.of("added", "changed", "removed", "unchanged", "digest", "storedAt")) {
            Check.equal(batch.receipt().path(field), replay.path(field), field + " of the replayed receipt",
                    "REQ-LIST-4: a replay records no second change set");
        }
    }

    @Conformance(id = "YMT-HLIST-003", title = "An unsigned batch, or one signed by a key the member never registered, is refused",
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

    @Conformance(id = "YMT-HLIST-005", title = "The changes feed pages by cursor: each page after the last, never repeating a change",
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

    @Conformance(id = "YMT-HLIST-010", title = "The same batchTag again with other entries is a conflict, not a second change set",
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

    @Conformance(id = "YMT-HLIST-012", title = "A batch signed with SM2 over a SHA-256 digest is refused: SM3 goes with SM2",
            requirements = { "REQ-CRYPTO-2", "REQ-LIST-3" }, negative = true)
    public void sm2WithSha256IsRefused(TestContext ctx) {
        VirtualMember member = VirtualFederation.of(ctx).active();
        List<ListEntry> entries = ListedBatch.of(ctx).entries();
        String tag = "conformance-sha256-" + System.nanoTime();
        LocalDate day = ListedBatch.of(ctx).day();
        BatchManifest manifest = new BatchManifest(
                member.entityId(), tag, day, entries.size(), CanonicalBatch.digest(entries, BatchDigest.SHA_256));
        // signed by hand: the library's own signer refuses this mismatch, as the hub must
        String signature = JwsSigner.signDetached(member.identity().key(), BatchSignature.TYP, manifest.canonicalBytes());

        ListedBatch.send(ctx, member, tag, day, signature, ListedBatch.ndjson(entries))
                .expectProblem(ProblemType.SIGNATURE_INVALID, "REQ-CRYPTO-2: an SM2 signature covers an SM3 digest");
    }
}
