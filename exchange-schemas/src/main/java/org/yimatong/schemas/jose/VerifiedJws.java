package org.yimatong.schemas.jose;

import org.yimatong.schemas.crypto.Jwk;

/** A JWS whose signature checked out, with the key that made it. */
public record VerifiedJws(JwsHeader header, byte[] payload, Jwk key) {}
