/** The hub's identity in the tree and its clock. Capability settings live with their capability. */
package org.yimatong.hub.config;
