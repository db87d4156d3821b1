/**
 * The dynamic code a person shows as a QR code (DESIGN.md §5): its claims and the codec that makes, parses
 * and verifies it. Routing, replay caches and colour merging live in the hub, not here.
 */
package org.yimatong.schemas.code;
