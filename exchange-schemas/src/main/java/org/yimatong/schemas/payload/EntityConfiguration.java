package org.yimatong.schemas.payload;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.yimatong.schemas.dictionary.MemberKind;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code GET /.well-known/yimatong}; schema {@code entity-configuration.json}. {@code parent} is null at the root. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EntityConfiguration(String entityId, String parent, MemberKind kind, String version,
        List<String> regionPrefixes, Map<String, URI> endpoints, @JsonProperty("jwks_uri") URI jwksUri,
        List<SignatureAlgorithm> algorithms) {

    public static final String VERSION = "v1";
}
