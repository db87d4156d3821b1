/**
 * The hub application: {@code HubMain} settles the database before Quarkus starts. Each capability has its own
 * package (registry, auth, routing, verification, lists, green, tokens, audit, appeals, keys, discovery).
 */
package org.yimatong.hub;
