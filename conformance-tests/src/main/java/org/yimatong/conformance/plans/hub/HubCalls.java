package org.yimatong.conformance.plans.hub;

import java.time.Instant;

import org.yimatong.conformance.engine.TestContext;
import org.yimatong.conformance.http.HttpCall;
import org.yimatong.schemas.jose.ClientAssertion;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Requests to the target hub as a virtual member makes them. */
final class HubCalls {

    static final String CHECKPOINT_KIND = "TRANSPORT";

    private HubCalls() {
    }

    /**
     * {@code POST /v1/verifications} of {@code code} by {@code caller} (with its client assertion), scanned at a
     * checkpoint in the caller's own region.
     */
    static HttpCall verification(TestContext ctx, VirtualMember caller, String code) {
        return verification(ctx, caller, caller, code);
    }

    /**
     * {@code POST /v1/verifications} of {@code code} by {@code caller}, scanned at a checkpoint in
     * {@code checkpointOwner}'s region (a client serves no region of its own).
     */
    static HttpCall verification(TestContext ctx, VirtualMember caller, VirtualMember checkpointOwner, String code) {
        return asMember(ctx, caller, ctx.http().post("/v1/verifications"))
                .json(verificationRequest(checkpointOwner, code));
    }

    static ObjectNode verificationRequest(VirtualMember checkpointOwner, String code) {
        ObjectNode request = JsonNodeFactory.instance.objectNode().put("code", code).put("purpose", "entry");
        request.putObject("checkpoint").put("id", "ymt-conformance-gate-1")
                .put("region", checkpointOwner.regionCode()).put("kind", CHECKPOINT_KIND);
        return request;
    }

    /**
     * {@code POST /v1/venue-scans} by the visitor's platform {@code caller}: one of its people, named by the list
     * pseudonym {@code subject}, scanned {@code venueCode} at {@code at} going {@code direction} (REQ-VENUE-1).
     */
    static HttpCall venueScan(TestContext ctx, VirtualMember caller, String venueCode, String subject, Instant at,
            String direction) {
        ObjectNode request = JsonNodeFactory.instance.objectNode().put("venueCode", venueCode).put("subject", subject)
                .put("at", at.toString()).put("direction", direction);
        return asMember(ctx, caller, ctx.http().post("/v1/venue-scans")).json(request);
    }

    /** The call, authenticated as {@code member} with a fresh client assertion for the target hub. */
    static HttpCall asMember(TestContext ctx, VirtualMember member, HttpCall call) {
        return call.header(ClientAssertion.HEADER, member.assertionFor(ctx.targetEntityId()));
    }
}
