package org.yimatong.hub.discovery;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** What {@code /.well-known/yimatong} tells a member or a parent hub about this hub. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EntityConfiguration(
        String entityId,
        String name,
        String kind,
        String parent,
        String contractVersion,
        @JsonProperty("jwks_uri") String jwksUri,
        Map<String, String> endpoints,
        List<String> algorithms) {
}
