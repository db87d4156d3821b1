package org.yimatong.conformance.plans.member;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

import org.yimatong.conformance.counterpart.CounterpartServer;
import org.yimatong.conformance.engine.Check;
import org.yimatong.conformance.engine.Conformance;
import org.yimatong.conformance.engine.ContractSchemas;
import org.yimatong.conformance.engine.TestContext;
import org.yimatong.schemas.batch.BatchDigest;
import org.yimatong.schemas.batch.BatchManifest;
import org.yimatong.schemas.batch.BatchSignature;
import org.yimatong.schemas.batch.CanonicalBatch;
import org.yimatong.schemas.batch.ListEntry;
import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.jose.ClientAssertion;
import org.yimatong.schemas.jose.JwsVerifier;
import org.yimatong.schemas.jose.ParsedJws;
import org.yimatong.schemas.payload.ListChangeNotification;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

/**
 * The member's side of the red/yellow lists: its daily batch as the hub receives it (the suite is the hub: the
 * batch arrives at the counterpart's {@code POST /v1/lists/batches}), and its list-changes callback receiver.
 */
public final class ListTests {

    static final String BATCHES = "/v1/lists/batches";

    @Conformance(id = "YMT-LST-001",
            title = "The daily batch reaches the hub as NDJSON of every listed pseudonym (the full list), with the member's client assertion",
            requirements = { "REQ-LIST-2", "REQ-LIST-1", "REQ-AUTH-1" })
    public void dailyBatchIsTheFullList(TestContext ctx) throws Exception {
        Upload upload = publish(ctx);
        expectMemberAssertion(ctx, upload.request().header(ClientAssertion.HEADER));
        Check.that(String.valueOf(upload.request().header("Content-Type")).startsWith("application/x-ndjson"),
                "REQ-LIST-2: the batch is NDJSON (application/x-ndjson), got "
                        + upload.request().header("Content-Type"));
        long listed = MemberFixtures.of(ctx).residents().stream().filter(r -> r.colour() != Colour.GREEN).count();
        Check.equal(listed, (long) upload.entries().size(), "entries (the member's RED and YELLOW residents)",
                "REQ-LIST-2: the batch is the member's full current list");
        ctx.note(upload.entries().size() + " entries");
    }

    @Conformance(id = "YMT-LST-004",
            title = "The daily batch is in canonical bytes and its Ymt-Batch-Signature verifies over the manifest with a published key",
            requirements = { "REQ-LIST-3", "REQ-CRYPTO-2" })
    public void dailyBatchIsCanonicalAndSigned(TestContext ctx) throws Exception {
        Upload upload = publish(ctx);
        List<ListEntry> entries = upload.entries();
        Check.that(Arrays.equals(CanonicalBatch.canonicalBytes(entries),
                stripFinalNewline(upload.request().body())),
                "REQ-LIST-3: the body is the canonical bytes (entries sorted by sub, RFC 8785, joined by \\n)");
        String signature = upload.request().header("Ymt-Batch-Signature");
        Check.that(signature != null, "REQ-LIST-3: the batch carries Ymt-Batch-Signature");
        String kid = ParsedJws.parseDetached(signature, new byte[0]).header().kid();
        Jwk key = Published.keySet(ctx).resolve(kid).orElseThrow(() -> Check.fail(
                "REQ-LIST-3: the batch is signed with kid " + kid + ", not in the member's key set"));
        CanonicalBatch.Builder canonical = CanonicalBatch.builder(BatchDigest.forProfile(key.profile()));
        entries.forEach(canonical::add);
        String batchTag = query(upload.request().url(), "batchTag");
        String day = query(upload.request().url(), "day");
        Check.that(batchTag != null && day != null, "REQ-LIST-3: the upload names batchTag and day, got "
                + upload.request().url());
        BatchManifest manifest = canonical.manifest(ctx.targetEntityId(), batchTag, LocalDate.parse(day));
        try {
            BatchSignature.verify(signature, manifest, Published.keySet(ctx));
        } catch (ProblemException e) {
            throw Check.fail("REQ-LIST-3: Ymt-Batch-Signature does not verify over the manifest " + manifest.toJson()
                    + " (" + e.type().slug() + ": " + e.getMessage() + ")");
        }
        ctx.note("digest " + manifest.digest() + (key.profile() == SignatureProfile.SM2 ? " (SM3, REQ-CRYPTO-2)"
                : ""));
    }

    /** A batch the member pushed to the counterpart, and its entries (each schema-valid). */
    record Upload(CounterpartServer.ReceivedRequest request, List<ListEntry> entries) {}

    /**
     * Has the member publish now and takes the one upload it makes to the suite's hub; SKIPPED unless
     * {@code fixtures.listPublication}.
     */
    static Upload publish(TestContext ctx) throws Exception {
        MemberFixtures fixtures = MemberFixtures.of(ctx);
        CounterpartServer hub = ctx.counterpart().server();
        hub.answer("POST", BATCHES, 202, "application/json", "{}");
        hub.forgetReceived();
        fixtures.publishToHub().expectStatus(200, "fixture API POST /lists/publish");
        List<CounterpartServer.ReceivedRequest> uploads = hub.received("POST", BATCHES);
        uploads.forEach(u -> ctx.http().note(u.recorded()));
        Check.equal(1, uploads.size(), "uploads received at " + BATCHES, "REQ-LIST-2: one publication, one batch");
        CounterpartServer.ReceivedRequest upload = uploads.get(0);
        String[] lines = new String(upload.body(), StandardCharsets.UTF_8).split("\n", -1);
        List<ListEntry> entries = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isEmpty() && i == lines.length - 1) {
                break; // a final newline ends the last line
            }
            ContractSchemas.expectValid("list-entry.json", StrictJson.read(lines[i].getBytes(StandardCharsets.UTF_8)),
                    "REQ-LIST-2: line " + (i + 1) + " of the batch");
            try {
                entries.add(ListEntry.parseLine(lines[i], i + 1));
            } catch (ProblemException e) {
                throw Check.fail("REQ-LIST-2: line " + (i + 1) + " is not a list entry: " + e.getMessage());
            }
        }
        return new Upload(upload, entries);
    }

    @Conformance(id = "YMT-LST-002", title = "A list-changes notification is noted: 2xx, nothing else asked",
            requirements = { "REQ-LIST-6" })
    public void listChangeNotificationIsNoted(TestContext ctx) {
        int status = MemberCalls.fromHub(ctx, MemberCalls.LIST_CHANGES)
                .json(new ListChangeNotification("conformance-sub-1", 42, Instant.now())).send().status();
        Check.that(status >= 200 && status < 300,
                "REQ-LIST-6: the callback answers 2xx fast and pulls changes afterwards; got " + status);
    }

    @Conformance(id = "YMT-LST-003", title = "A list-changes notification that is not an object is refused 400",
            requirements = { "REQ-LIST-6", "REQ-ERR-1" }, negative = true)
    public void malformedNotificationIsRefused(TestContext ctx) {
        MemberCalls.fromHub(ctx, MemberCalls.LIST_CHANGES).json("[1,2,3]").send()
                .expectProblem(ProblemType.VALIDATION_FAILED, "REQ-ERR-1: a notification is a JSON object");
    }

    /** The member's own client assertion for the hub: its key, iss = sub = the member, aud = the hub. */
    private static void expectMemberAssertion(TestContext ctx, String assertion) {
        Check.that(assertion != null, "REQ-AUTH-1: the member authenticates to the hub (Ymt-Client-Assertion)");
        try {
            byte[] payload = new JwsVerifier(EnumSet.allOf(SignatureProfile.class), "JWT")
                    .verify(assertion, Published.keySet(ctx)).payload();
            ClientAssertion.Claims claims = ClientAssertion.Claims.read(payload)
                    .check(ctx.counterpart().self().entityId(), Instant.now(), Duration.ofSeconds(30));
            Check.equal(ctx.targetEntityId(), claims.issuer(), "assertion iss", "REQ-AUTH-1");
        } catch (ProblemException e) {
            throw Check.fail("REQ-AUTH-1: the member's client assertion is refused: " + e.type().slug() + ": "
                    + e.getMessage());
        }
    }

    private static byte[] stripFinalNewline(byte[] body) {
        return body.length > 0 && body[body.length - 1] == '\n' ? Arrays.copyOf(body, body.length - 1)
                : body;
    }

    private static String query(String url, String name) {
        int q = url.indexOf('?');
        if (q < 0) {
            return null;
        }
        for (String pair : url.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
