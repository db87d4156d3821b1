/**
 * The adapter SPI the hub calls: {@link org.yimatong.adapters.spi.MemberAdapter}, the per-member settings
 * ({@link org.yimatong.adapters.spi.MemberEndpoint}), the registry choosing an adapter by dialect, the hub's list
 * key source ({@link org.yimatong.adapters.spi.ListKeySource}), and the helpers every dialect shares (HTTP calls and
 * the mapping of their failures to problems, {@code listSub} from a document number). No dialect code here.
 */
package org.yimatong.adapters.spi;
