package org.yimatong.schemas.payload;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** A JWK set; schema {@code jwks.json}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record JwkSet(List<Jwk> keys) {

    public Optional<Jwk> byKid(String kid) {
        return keys == null ? Optional.empty() : keys.stream().filter(k -> kid.equals(k.kid())).findFirst();
    }
}
