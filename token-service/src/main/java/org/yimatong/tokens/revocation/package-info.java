/**
 * Revocation (REQ-TOK-4, {@code POST /v1/revocations}): the deny list of token ids, keyed by issuer and
 * {@code jti}, with an in-memory implementation; the hub keeps it in PostgreSQL. Who may revoke is the hub's.
 */
package org.yimatong.tokens.revocation;
