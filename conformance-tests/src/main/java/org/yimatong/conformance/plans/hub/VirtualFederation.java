package org.yimatong.conformance.plans.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.yimatong.conformance.counterpart.CounterpartServer;
import org.yimatong.conformance.counterpart.CounterpartServer.ReceivedRequest;
import org.yimatong.conformance.counterpart.Identity;
import org.yimatong.conformance.engine.Check;
import org.yimatong.conformance.engine.TestContext;
import org.yimatong.conformance.http.HttpAnswer;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.MemberKind;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.Fault;

/**
 * The members the suite plays at the target hub, onboarded once per run through the hub's admin API (as the WHO
 * gateway tests onboard their virtual members), each answered by the suite's listener:
 * <ul>
 * <li>{@link #active()}: an ACTIVE platform whose member API answers every verification YELLOW, live, so a
 * YELLOW answer proves the hub asked it (its codes say GREEN);</li>
 * <li>{@link #down()}: ACTIVE, but its connection is reset at once;</li>
 * <li>{@link #slow()}: ACTIVE, but it answers GREEN only after four answer budgets;</li>
 * <li>{@link #suspended()}: deliberately SUSPENDED (never onboarded fully), for the negative tests; it would answer
 * RED if the hub asked it;</li>
 * <li>{@link #childHub()}: a hub under the target, which answers verifications forwarded to it GREEN.</li>
 * </ul>
 * Every live answer a virtual member gives names its subject by a {@code listSub} ({@link #liveListSub}, a
 * pseudonym never listed), as a home platform's live answer must (REQ-VER-5), so the tests can see that the hub
 * keeps it from platforms and clients. {@link #client(TestContext)} is a client record (no region prefixes: a
 * department or checkpoint app), onboarded on its own by the tests that need it. A test whose outcome another
 * test's traffic could change (a code policy, venue scans delivered) onboards a platform of its own with
 * {@link #fresh}.
 */
public final class VirtualFederation {

    /** The entity id of the virtual client (a fixed id: onboarding it again in a later run updates the record). */
    static final String CLIENT_ENTITY_ID = "ymt:member:conformance-client";

    private final VirtualMember active;
    private final VirtualMember down;
    private final VirtualMember slow;
    private final VirtualMember suspended;
    private final VirtualMember childHub;

    private VirtualFederation(VirtualMember active, VirtualMember down, VirtualMember slow, VirtualMember suspended,
            VirtualMember childHub) {
        this.active = active;
        this.down = down;
        this.slow = slow;
        this.suspended = suspended;
        this.childHub = childHub;
    }

    /** The run's virtual federation, onboarded by the first test that needs it. */
    public static VirtualFederation of(TestContext ctx) {
        return ctx.run().shared("virtual-federation", () -> onboard(ctx));
    }

    public VirtualMember active() {
        return active;
    }

    public VirtualMember down() {
        return down;
    }

    public VirtualMember slow() {
        return slow;
    }

    public VirtualMember suspended() {
        return suspended;
    }

    public VirtualMember childHub() {
        return childHub;
    }

    /**
     * The run's virtual client: a PLATFORM record without region prefixes (REQ-REG-2: a department, a checkpoint
     * app; never routed to, never given the list key), ACTIVE, onboarded by the first test that needs it. Kept out
     * of {@link #of}, so a hub that cannot hold a client fails only the tests about clients.
     */
    public static VirtualMember client(TestContext ctx) {
        return ctx.run().shared("virtual-client", () -> {
            VirtualMember client = new VirtualMember(Identity.generate(CLIENT_ENTITY_ID, SignatureProfile.SM2),
                    MemberKind.PLATFORM, "", "vc-client");
            register(ctx, HubSettings.of(ctx), client, "ACTIVE");
            return client;
        });
    }

    /**
     * A platform of this test alone, ACTIVE, onboarded now under the next 4-digit prefix below
     * {@code hub.regions.fresh} ({@code 6701}, {@code 6702}, ...), with a key generated for this run: nothing another
     * test did to a virtual member (calls it received, scans it took, stubs) can pass or fail the test. Its entity id
     * follows from its prefix, so a later run updates the record instead of adding members. It answers nothing
     * until the test stubs it ({@link #answersLive}, {@link #isDown}, {@link #takesVenueScans}).
     *
     * @param codePolicy the {@code codePolicy.maxLifetimeSeconds} of its record (REQ-CODE-3), or {@code null} for
     *     none (60 s)
     */
    public static VirtualMember fresh(TestContext ctx, Duration codePolicy) {
        HubSettings settings = HubSettings.of(ctx);
        int n = ctx.run().shared("fresh-platforms", AtomicInteger::new).incrementAndGet();
        Check.that(n < 100, "the hub plan onboards at most 99 platforms under hub.regions.fresh in a run");
        String prefix = settings.regions().fresh() + String.format("%02d", n);
        VirtualMember member = platform(prefix, "vf-" + prefix);
        register(ctx, settings, member, "ACTIVE", codePolicy);
        return member;
    }

    /** From now on {@code member} answers each verification {@code status}, live (§6), as {@link #active()} does. */
    static void answersLive(TestContext ctx, VirtualMember member, String status) {
        answersLive(ctx, member, status, liveListSub(member));
    }

    /** As {@link #answersLive(TestContext, VirtualMember, String)}, naming its subject by {@code listSub}. */
    static void answersLive(TestContext ctx, VirtualMember member, String status, String listSub) {
        ctx.counterpart().server().answer("POST", member.apiPath("verifications"), 200, "application/json",
                liveAnswer(member, status, listSub));
    }

    /** From now on the connection of a verification sent to {@code member} is reset at once, as {@link #down()}. */
    static void isDown(TestContext ctx, VirtualMember member) {
        ctx.counterpart().server().wireMock().stubFor(post(urlPathEqualTo(member.apiPath("verifications")))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }

    /**
     * From now on {@code member} takes every venue scan delivered to it ({@code POST /member/v1/venue-scans}) with
     * 204, as a platform that stored the visit does (REQ-VENUE-2); what it took is on the suite's listener
     * ({@link #venueScansReceived}).
     */
    static void takesVenueScans(TestContext ctx, VirtualMember member) {
        ctx.counterpart().server().wireMock().stubFor(post(urlPathEqualTo(member.apiPath("venue-scans")))
                .willReturn(aResponse().withStatus(204)));
    }

    /** The venue scans the hub delivered to {@code member} so far, oldest first, noted in the report. */
    static List<ReceivedRequest> venueScansReceived(TestContext ctx, VirtualMember member) {
        List<ReceivedRequest> scans = ctx.counterpart().server().received("POST", member.apiPath("venue-scans"));
        scans.forEach(scan -> ctx.http().note(scan.recorded()));
        return scans;
    }

    private static VirtualFederation onboard(TestContext ctx) {
        HubSettings settings = HubSettings.of(ctx);
        HubSettings.Regions r = settings.regions();
        VirtualFederation federation = new VirtualFederation(platform(r.member(), "vm-active"),
                platform(r.down(), "vm-down"), platform(r.slow(), "vm-slow"), platform(r.suspended(), "vm-suspended"),
                new VirtualMember(Identity.generate("ymt:hub:conformance-" + r.childHub(), SignatureProfile.SM2),
                        MemberKind.HUB, r.childHub(), "vh-child"));
        federation.answer(ctx);
        for (VirtualMember m : new VirtualMember[]{ federation.active, federation.down, federation.slow,
                federation.childHub }) {
            register(ctx, settings, m, "ACTIVE");
        }
        register(ctx, settings, federation.suspended, "SUSPENDED");
        return federation;
    }

    private static VirtualMember platform(String prefix, String path) {
        return new VirtualMember(Identity.generate("ymt:member:" + (prefix + "0000").substring(0, 6),
                SignatureProfile.SM2), MemberKind.PLATFORM, prefix, path);
    }

    /** Stubs what each virtual member answers on the suite's listener. */
    private void answer(TestContext ctx) {
        CounterpartServer server = ctx.counterpart().server();
        server.answer("POST", active.apiPath("verifications"), 200, "application/json", liveAnswer(active, "YELLOW"));
        server.answer("POST", active.apiPath("appeals"), 202, "application/json",
                "{\"homeReference\":\"conformance-appeal-1\",\"receivedAt\":\"" + Instant.now() + "\"}");
        server.answer("POST", suspended.apiPath("verifications"), 200, "application/json",
                liveAnswer(suspended, "RED"));
        // a hub answers about the code's home, a platform under it (the tests' grandchild), never about itself
        server.answer("POST", childHub.apiPath("verifications"), 200, "application/json",
                liveAnswer("ymt:member:" + childHub.regionCode(), "GREEN", liveListSub(childHub)));
        server.wireMock().stubFor(post(urlPathEqualTo(down.apiPath("verifications")))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        int slowMillis = (int) ctx.config().timeouts().answerBudget().multipliedBy(4).toMillis();
        server.wireMock().stubFor(post(urlPathEqualTo(slow.apiPath("verifications")))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(liveAnswer(slow, "GREEN")).withFixedDelay(slowMillis)));
    }

    /**
     * A live verification answer of {@code member} (DESIGN.md §6), valid for an hour, naming the subject by
     * {@link #liveListSub} (REQ-VER-5).
     */
    static String liveAnswer(VirtualMember member, String status) {
        return liveAnswer(member, status, liveListSub(member));
    }

    /** A live verification answer of {@code member} whose subject's list pseudonym is {@code listSub}. */
    static String liveAnswer(VirtualMember member, String status, String listSub) {
        return liveAnswer(member.entityId(), status, listSub);
    }

    /** A live verification answer about a code of {@code home}. */
    static String liveAnswer(String home, String status, String listSub) {
        return liveAnswerJson(home, status, listSub).toString();
    }

    /** {@link #liveAnswer(String, String, String)} as JSON, for a test that adds to it. */
    static ObjectNode liveAnswerJson(String home, String status, String listSub) {
        Instant now = Instant.now();
        return JsonNodeFactory.instance.objectNode().put("status", status).put("home", home).put("source", "LIVE")
                .put("checkedAt", now.toString()).put("validUntil", now.plus(Duration.ofHours(1)).toString())
                .put("listSub", listSub);
    }

    /** The {@code listSub} of {@code member}'s live answers: a pseudonym nobody lists. */
    static String liveListSub(VirtualMember member) {
        return VirtualMember.subject("live answers of " + member.entityId());
    }

    private static void register(TestContext ctx, HubSettings settings, VirtualMember member, String status) {
        register(ctx, settings, member, status, null);
    }

    private static void register(TestContext ctx, HubSettings settings, VirtualMember member, String status,
            Duration codePolicy) {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("entityId", member.entityId());
        record.put("displayName", "Conformance suite virtual member " + member.prefix());
        record.put("kind", member.kind().name());
        ArrayNode prefixes = record.putArray("regionPrefixes");
        if (!member.prefix().isEmpty()) {
            prefixes.add(member.prefix());
        }
        record.put("parent", ctx.targetEntityId());
        record.put("baseUrl", member.baseUrl(ctx.counterpart().server().baseUrl()).toString());
        record.put("dialect", "v1");
        record.set("jwks", member.identity().publicKeys().toJson());
        record.put("status", status);
        if (codePolicy != null) {
            record.putObject("codePolicy").put("maxLifetimeSeconds", codePolicy.toSeconds());
        }
        HttpAnswer answer = ctx.http().request("PUT", "/v1/admin/members/" + member.entityId())
                .header("Authorization", settings.adminAuthorization()).json(record).send();
        Check.that(answer.status() == 200 || answer.status() == 201, "REQ-REG-1: the hub must onboard "
                + member.entityId() + " through PUT /v1/admin/members/{id} (the suite's virtual member, "
                + (member.prefix().isEmpty() ? "a client: no region prefixes" : "region " + member.prefix())
                + (codePolicy == null ? "" : ", codePolicy " + codePolicy.toSeconds() + " s") + "); it answered "
                + answer.status() + ": " + answer.text());
    }
}
