package org.yimatong.conformance.plans.hub;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.yimatong.conformance.engine.TestContext;
import org.yimatong.conformance.http.HttpAnswer;
import org.yimatong.conformance.http.HttpCall;
import org.yimatong.schemas.batch.BatchDigest;
import org.yimatong.schemas.batch.BatchManifest;
import org.yimatong.schemas.batch.BatchSignature;
import org.yimatong.schemas.batch.CanonicalBatch;
import org.yimatong.schemas.batch.ListEntry;
import org.yimatong.schemas.dictionary.Colour;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The daily list the active virtual member uploads once per run (one RED and one YELLOW subject), so list, feed and
 * green-lookup tests all look at the same, known change set.
 */
public record ListedBatch(String batchTag, LocalDate day, List<ListEntry> entries, String signature, JsonNode receipt) {

    public static final String UNLISTED = VirtualMember.subject("a resident never listed");

    public static ListedBatch of(TestContext ctx) {
        return ctx.run().shared("listed-batch", () -> upload(ctx));
    }

    public ListEntry red() {
        return entries.stream().filter(e -> e.col() == Colour.RED).findFirst().orElseThrow();
    }

    private static ListedBatch upload(TestContext ctx) {
        VirtualMember member = VirtualFederation.of(ctx).active();
        String tag = "conformance-" + UUID.randomUUID().toString().substring(0, 8);
        LocalDate day = LocalDate.now(ZoneOffset.UTC);
        Instant since = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.DAYS);
        List<ListEntry> entries = List.of(
                new ListEntry(VirtualMember.subject("listed red " + tag), Colour.RED, since,
                        since.plus(14, ChronoUnit.DAYS), "conformance", member.regionCode()),
                new ListEntry(VirtualMember.subject("listed yellow " + tag), Colour.YELLOW, since,
                        since.plus(7, ChronoUnit.DAYS), "conformance", member.regionCode()));
        String signature = signature(member, tag, day, entries);
        JsonNode receipt = send(ctx, member, tag, day, signature, ndjson(entries))
                .expectJson(201, "batch-receipt.json", "REQ-LIST-2: a signed full list is stored");
        return new ListedBatch(tag, day, entries, signature, receipt);
    }

    /** The detached JWS over the manifest of {@code entries}, by {@code member}'s key (REQ-LIST-3). */
    static String signature(VirtualMember member, String tag, LocalDate day, List<ListEntry> entries) {
        BatchDigest digest = BatchDigest.forProfile(member.identity().key().profile());
        BatchManifest manifest = new BatchManifest(member.entityId(), tag, day, entries.size(),
                CanonicalBatch.digest(entries, digest));
        return BatchSignature.sign(manifest, member.identity().key());
    }

    static String ndjson(List<ListEntry> entries) {
        return entries.stream().map(e -> e.toJson().toString()).collect(Collectors.joining("\n", "", "\n"));
    }

    /** {@code POST /v1/lists/batches} as {@code member}; {@code signature} may be {@code null} to send none. */
    static HttpAnswer send(TestContext ctx, VirtualMember member, String tag, LocalDate day, String signature,
            String body) {
        HttpCall call = HubCalls.asMember(ctx, member, ctx.http().post("/v1/lists/batches?member=" + member.entityId()
                + "&batchTag=" + tag + "&day=" + day)).body(body.getBytes(StandardCharsets.UTF_8),
                        "application/x-ndjson");
        if (signature != null) {
            call.header("Ymt-Batch-Signature", signature);
        }
        return call.send();
    }
}
