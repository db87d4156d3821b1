/**
 * The hub's one outbound HTTP client (pooled, redirects never followed, answers bounded, total deadlines),
 * offered to adapters and the hub's own callers as the adapter SPI's {@code MemberHttp}.
 */
package org.yimatong.hub.outbound;
