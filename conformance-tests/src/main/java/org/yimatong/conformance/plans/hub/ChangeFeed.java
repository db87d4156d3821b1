package org.yimatong.conformance.plans.hub;

import com.fasterxml.jackson.databind.JsonNode;

import org.yimatong.conformance.engine.TestContext;

/** Reading {@code GET /v1/lists/changes} (REQ-LIST-6) page by page, as a member does. */
final class ChangeFeed {

    private ChangeFeed() {
    }

    /** One page after {@code cursor} ({@code null}: from the start), checked against list-changes-page.json. */
    static JsonNode page(TestContext ctx, VirtualMember reader, String cursor, int limit) {
        String query = "/v1/lists/changes?limit=" + limit + (cursor == null ? "" : "&after=" + cursor);
        return HubCalls.asMember(ctx, reader, ctx.http().get(query)).send()
                .expectJson(200, "list-changes-page.json", "REQ-LIST-6: the changes feed answers a page");
    }
}
