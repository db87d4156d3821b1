/**
 * Where the hub's PostgreSQL lives: a configured server or the embedded default; change notifications; and
 * {@link org.yimatong.hub.database.GroupCommit}, which turns many requests' statements into one. Schema migrations
 * are Flyway files under {@code db/migration}; entities live with the capability that owns them.
 */
package org.yimatong.hub.database;
