/**
 * Where the hub's PostgreSQL lives: a configured server or the embedded default. Schema migrations are
 * Flyway files under {@code db/migration}; entities live with the capability that owns them.
 */
package org.yimatong.hub.database;
