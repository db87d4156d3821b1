package org.yimatong.conformance.plans.hub;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

import org.yimatong.conformance.engine.Check;
import org.yimatong.conformance.engine.Conformance;
import org.yimatong.conformance.engine.TestContext;
import org.yimatong.conformance.http.HttpAnswer;
import org.yimatong.schemas.batch.BatchDigest;
import org.yimatong.schemas.batch.BatchManifest;
import org.yimatong.schemas.batch.BatchSignature;
import org.yimatong.schemas.batch.CanonicalBatch;
import org.yimatong.schemas.payload.PayloadJson;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;

/** What a receiver needs to trust a list without trusting the hub: provenance and the snapshot (REQ-LIST-7/8). */
public final class HubProvenanceTests {

    @Conformance(id = "YMT-HLIST-006",
            title = "A batch's provenance carries the uploader's own signature, which re-verifies end to end over an SM3 digest",
            requirements = { "REQ-LIST-8", "REQ-CRYPTO-2" })
    public void provenanceReverifies(TestContext ctx) throws IOException {
        ListedBatch batch = ListedBatch.of(ctx);
        VirtualMember member = VirtualFederation.of(ctx).active();

        JsonNode provenance = HubCalls.asMember(ctx, member,
                ctx.http().get("/v1/lists/batches/" + batch.batchTag() + "/provenance")).send()
                .expectJson(200, "batch-provenance.json", "REQ-LIST-8: a stored batch has its provenance");

        BatchManifest manifest = PayloadJson.mapper().treeToValue(provenance.path("manifest"), BatchManifest.class);
        Check.equal(CanonicalBatch.digest(batch.entries(), BatchDigest.SM3), manifest.digest(), "manifest digest",
                "REQ-CRYPTO-2: an SM2-signed batch is digested with SM3 over its canonical bytes");
        Check.equal(batch.signature(), provenance.path("signature").asText(), "signature",
                "REQ-LIST-8: the uploader's signature exactly as received");
        try {
            BatchSignature.verify(provenance.path("signature").asText(), manifest, member.identity().publicKeys());
        } catch (RuntimeException e) {
            throw Check.fail("REQ-LIST-8: the provenance signature must re-verify with the uploader's key: "
                    + e.getMessage());
        }
    }

    @Conformance(id = "YMT-HLIST-007", title = "The provenance of a batch that was never stored is a not-found problem",
            requirements = { "REQ-LIST-8", "REQ-ERR-1" }, negative = true)
    public void unknownBatchProvenance(TestContext ctx) {
        VirtualMember member = VirtualFederation.of(ctx).active();
        HubCalls.asMember(ctx, member, ctx.http().get("/v1/lists/batches/conformance-never-uploaded/provenance"))
                .send().expectProblem(ProblemType.NOT_FOUND, "REQ-LIST-8: no provenance for a batch never stored");
    }

    @Conformance(id = "YMT-HLIST-008",
            title = "The snapshot streams the whole list state as gzip NDJSON sorted by sub, with the suite's listed subjects",
            requirements = { "REQ-LIST-7" })
    public void snapshot(TestContext ctx) throws IOException {
        ListedBatch batch = ListedBatch.of(ctx);
        VirtualMember member = VirtualFederation.of(ctx).active();

        HttpAnswer answer = HubCalls.asMember(ctx, member, ctx.http().get("/v1/lists/snapshot"))
                .header("Accept-Encoding", "gzip").send();
        answer.expectStatus(200, "REQ-LIST-7: an authenticated member gets the snapshot")
                .expectMediaType("application/x-ndjson", "REQ-LIST-7: the snapshot is NDJSON");
        Check.equal("gzip", answer.header("Content-Encoding").orElse(null), "Content-Encoding",
                "REQ-LIST-7: the snapshot is gzip-compressed");
        String previous = "";
        int found = 0;
        for (String line : gunzip(answer.body()).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String sub = PayloadJson.mapper().readTree(line).path("sub").asText();
            Check.that(sub.compareTo(previous) >= 0, "REQ-LIST-7: the snapshot is sorted by sub (" + sub
                    + " after " + previous + ")");
            previous = sub;
            found += batch.entries().stream().anyMatch(e -> e.sub().equals(sub)) ? 1 : 0;
        }
        Check.equal(batch.entries().size(), found, "suite subjects in the snapshot",
                "REQ-LIST-7: the snapshot holds the whole current list state");
    }

    @Conformance(id = "YMT-HLIST-009", title = "The snapshot is refused without authentication",
            requirements = { "REQ-LIST-7", "REQ-AUTH-1" }, negative = true)
    public void snapshotNeedsAMember(TestContext ctx) {
        ctx.http().get("/v1/lists/snapshot").send()
                .expectProblem(ProblemType.UNAUTHENTICATED, "REQ-LIST-7: list state is for authenticated members");
    }

    private static String gunzip(byte[] gzip) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw Check.fail("REQ-LIST-7: the snapshot body is not gzip: " + e.getMessage());
        }
    }
}
