/** Scheduled purge of expired entries, old changes and old batches, under a PostgreSQL advisory lock (REQ-LIST-10). */
package org.yimatong.hub.lists.retention;
