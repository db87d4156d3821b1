/** The hub's one outbound HTTP client, shared by every call that leaves the hub. */
package org.yimatong.hub.outbound;
