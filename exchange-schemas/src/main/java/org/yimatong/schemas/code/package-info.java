/**
 * The codes people scan (DESIGN.md §5, §5a): the dynamic code a person shows ({@link CodeClaims},
 * {@link DynamicCodeCodec}), relatives' codes included, the venue code posted at a door ({@link VenueClaims},
 * {@link VenueCodeCodec}), and {@link CodeKind}, which tells them apart from the header alone. Routing, replay
 * caches, colour merging and scan delivery live in the hub, native codes in the adapters, not here.
 */
package org.yimatong.schemas.code;
