package org.yimatong.schemas.payload;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code GET /v1/audit}; schema {@code audit-page.json}. {@code next} is absent at the end. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditPage(List<AuditEvent> events, String next) {}
