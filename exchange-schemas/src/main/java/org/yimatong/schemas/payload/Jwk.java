package org.yimatong.schemas.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A public signing key (RFC 7517) as the JWK sets of v1 carry it. {@code exp} (NumericDate) is the Yimatong
 * extension after which the key no longer verifies (REQ-KEY-1). Other JWK parameters are ignored on input.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Jwk(String kty, String crv, String x, String y, String kid, String use, String alg, Long exp) {
}
