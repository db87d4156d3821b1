package org.yimatong.schemas.dictionary;

/**
 * How much of an {@link Attestation} a purpose lets a checkpoint learn (REQ-PRIV-1): the data itself, or only the hub's
 * decision on a checkpoint rule about it ({@code meets: true/false}), never the data.
 */
public enum Disclosure {
    /** Only {@code meets}: the hub applies the checkpoint's rule and keeps the data. */
    DECISION,
    /** The data, field by field, as the home platform gave it (and also decisions on rules). */
    DATA
}
