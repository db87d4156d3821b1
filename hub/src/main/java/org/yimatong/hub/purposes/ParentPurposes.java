package org.yimatong.hub.purposes;

import org.yimatong.schemas.payload.PurposePolicy;

import io.smallrye.mutiny.Uni;

/**
 * What the purpose policy needs of this hub's parent: its policy ({@code GET /v1/purposes}), fetched as its member,
 * like the list key. Implemented by the one member client (memberapi).
 */
public interface ParentPurposes {

    /** Whether this hub has a parent at all (the root has none). */
    boolean present();

    Uni<PurposePolicy> purposePolicy();
}
