package org.yimatong.schemas.payload;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code GET /.well-known/oauth-authorization-server}: the hub as an OAuth authorization server (RFC 8414), so that a
 * department's OAuth library can configure itself from the hub's {@code issuer} alone; schema
 * {@code authorization-server-metadata.json}. {@code issuer} is the hub's public base URL, the {@code iss} of its
 * tokens and signed introspection answers; {@code ymt_entity} is its entity id in the federation. The hub has no
 * authorization endpoint: {@code response_types_supported} is empty.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuthorizationServerMetadata(
        String issuer,
        @JsonProperty("ymt_entity") String entityId,
        @JsonProperty("token_endpoint") URI tokenEndpoint,
        @JsonProperty("introspection_endpoint") URI introspectionEndpoint,
        @JsonProperty("jwks_uri") URI jwksUri,
        @JsonProperty("grant_types_supported") List<String> grantTypesSupported,
        @JsonProperty("response_types_supported") List<String> responseTypesSupported,
        @JsonProperty("token_endpoint_auth_methods_supported") List<String> tokenEndpointAuthMethodsSupported,
        @JsonProperty("token_endpoint_auth_signing_alg_values_supported") List<String> tokenEndpointAuthSigningAlgValuesSupported,
        @JsonProperty("introspection_endpoint_auth_methods_supported") List<String> introspectionEndpointAuthMethodsSupported,
        @JsonProperty("introspection_endpoint_auth_signing_alg_values_supported") List<String> introspectionEndpointAuthSigningAlgValuesSupported,
        @JsonProperty("introspection_signing_alg_values_supported") List<String> introspectionSigningAlgValuesSupported,
        @JsonProperty("ymt_access_token_signing_alg_values_supported") List<String> accessTokenSigningAlgValuesSupported,
        @JsonProperty("tls_client_certificate_bound_access_tokens") Boolean tlsClientCertificateBoundAccessTokens,
        @JsonProperty("acr_values_supported") List<String> acrValuesSupported,
        @JsonProperty("ymt_subject_token_types_supported") List<String> subjectTokenTypesSupported,
        @JsonProperty("ymt_issued_token_types_supported") List<String> issuedTokenTypesSupported,
        @JsonProperty("service_documentation") URI serviceDocumentation) {

    /** Where the document is served, under the issuer (RFC 8414 §3). */
    public static final String WELL_KNOWN_PATH = "/.well-known/oauth-authorization-server";
    public static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    public static final String CLIENT_CREDENTIALS = "client_credentials";
    public static final String PRIVATE_KEY_JWT = "private_key_jwt";
    public static final String TLS_CLIENT_AUTH = "tls_client_auth";
    public static final String SELF_SIGNED_TLS_CLIENT_AUTH = "self_signed_tls_client_auth";
}
