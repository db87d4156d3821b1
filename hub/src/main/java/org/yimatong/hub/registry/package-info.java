/**
 * The member registry: this hub's direct children (platforms and hubs), their region prefixes and key sets,
 * persisted in PostgreSQL and held in memory for the hot path. Who may call is decided in {@code auth}.
 */
package org.yimatong.hub.registry;
