package org.yimatong.schemas.payload;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code GET /v1/lists/changes}; schema {@code list-changes-page.json}. {@code next} is an opaque keyset cursor,
 * always present: at the end it marks the current position, so polling with it returns only newer changes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChangesPage(List<ListChange> changes, String next, boolean hasMore) {}
