/**
 * Cross-region tokens (DESIGN.md §8): the logic behind {@code /v1/token}, {@code /v1/introspect},
 * {@code /v1/revocations} and hub key rotation, as plain Java over exchange-schemas. No HTTP, no persistence, no
 * Quarkus: the hub supplies clocks, key sets, policies and stores through the small interfaces of each package.
 * {@link org.yimatong.tokens.TokenSettings} holds the settings every package shares.
 */
package org.yimatong.tokens;
