/**
 * The member registry: this hub's direct children (platforms and hubs), their region prefixes and key sets.
 * Operators edit records through {@link org.yimatong.hub.registry.MemberStore} (Hibernate Reactive); the hot path
 * reads {@link org.yimatong.hub.registry.MemberRegistry}'s snapshot in memory. Who may call is decided in
 * {@code auth}.
 */
package org.yimatong.hub.registry;
