package org.yimatong.conformance.plans.hub;

import java.util.ArrayList;
import java.util.List;

import org.yimatong.conformance.engine.Check;
import org.yimatong.conformance.engine.TestContext;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading {@code GET /v1/lists/changes} (REQ-LIST-6) page by page, as a member does. */
final class ChangeFeed {

    /** The largest page the contract allows. */
    static final int MAX_LIMIT = 10_000;
    /** Pages read at most to reach the end: 10 million changes, far more than a test hub holds. */
    private static final int MAX_PAGES = 1_000;

    private ChangeFeed() {
    }

    /** One page after {@code cursor} ({@code null}: from the start), checked against list-changes-page.json. */
    static JsonNode page(TestContext ctx, VirtualMember reader, String cursor, int limit) {
        String query = "/v1/lists/changes?limit=" + limit + (cursor == null ? "" : "&after=" + cursor);
        return HubCalls.asMember(ctx, reader, ctx.http().get(query)).send()
                .expectJson(200, "list-changes-page.json", "REQ-LIST-6: the changes feed answers a page");
    }

    /** The cursor of the current end of the feed as {@code reader} reads it: polling with it gives only newer changes. */
    static String end(TestContext ctx, VirtualMember reader) {
        String cursor = null;
        for (int i = 0; i < MAX_PAGES; i++) {
            JsonNode page = page(ctx, reader, cursor, MAX_LIMIT);
            cursor = page.path("next").asText();
            if (!page.path("hasMore").asBoolean()) {
                return cursor;
            }
        }
        throw Check.fail("REQ-LIST-6: the changes feed did not end after " + MAX_PAGES + " pages of " + MAX_LIMIT);
    }

    /** Every change after {@code cursor}, as {@code reader} is given them. */
    static List<JsonNode> after(TestContext ctx, VirtualMember reader, String cursor) {
        List<JsonNode> changes = new ArrayList<>();
        String next = cursor;
        for (int i = 0; i < MAX_PAGES; i++) {
            JsonNode page = page(ctx, reader, next, MAX_LIMIT);
            page.path("changes").forEach(changes::add);
            next = page.path("next").asText();
            if (!page.path("hasMore").asBoolean()) {
                return changes;
            }
        }
        throw Check.fail("REQ-LIST-6: the changes feed did not end after " + MAX_PAGES + " pages of " + MAX_LIMIT);
    }
}
