/**
 * Cross-region tokens in the hub (DESIGN.md §8): {@code /v1/token}, {@code /v1/introspect},
 * {@code /v1/revocations} and the operator-binding admin API, wiring token-service's logic to the registry, the
 * parent hub, PostgreSQL and the audit trail. The token logic itself lives in token-service; the hub's own keys in
 * {@code keys}.
 */
package org.yimatong.hub.tokens;
