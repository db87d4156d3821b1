/**
 * The operators' admin console (DESIGN.md §14): server-rendered pages (Qute) behind the admin token, reading what the
 * capabilities already keep (registry, breakers, batches, appeals, audit). It only reads; nothing depends on it.
 */
package org.yimatong.hub.console;
