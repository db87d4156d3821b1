package org.yimatong.hub.discovery;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.yimatong.hub.config.HubConfig;
import org.yimatong.hub.config.PublicUrl;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.LevelOfAssurance;
import org.yimatong.schemas.payload.AuthorizationServerMetadata;
import org.yimatong.schemas.payload.TokenExchangeRequest;

import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;

/**
 * The hub as an OAuth authorization server (RFC 8414), under its issuer: what a department's OAuth library needs to
 * exchange tokens, open a session, introspect and check the hub's signatures without any other configuration. The
 * mutual TLS client authentication methods (RFC 8705) are listed only when the hub serves TLS: the certificate is
 * bound to the member record by its fingerprint ({@code self_signed_tls_client_auth}), and where the hub also trusts a
 * CA its chain is checked too ({@code tls_client_auth}). Its {@code jwks_uri} is the key set without SM2 keys, which
 * OAuth libraries can read; tokens and answers signed SM2 verify with {@code /v1/jwks}, the entity configuration's.
 */
@Path(AuthorizationServerMetadata.WELL_KNOWN_PATH)
public class AuthorizationServerMetadataResource {

    private final AuthorizationServerMetadata metadata;

    public AuthorizationServerMetadataResource(HubConfig hub, PublicUrl publicUrl, TlsConfigurationRegistry tls,
            @ConfigProperty(name = "quarkus.http.tls-configuration-name") Optional<String> tlsName) {
        Optional<TlsConfiguration> served = tlsName.flatMap(tls::get).or(tls::getDefault);
        boolean mutualTls = served.map(TlsConfiguration::getKeyStore).isPresent();
        List<String> methods = new ArrayList<>(List.of(AuthorizationServerMetadata.PRIVATE_KEY_JWT));
        if (mutualTls && served.map(TlsConfiguration::getTrustStore).isPresent()) {
            methods.add(AuthorizationServerMetadata.TLS_CLIENT_AUTH);
        }
        if (mutualTls) {
            methods.add(AuthorizationServerMetadata.SELF_SIGNED_TLS_CLIENT_AUTH);
        }
        List<String> verified = Arrays.stream(SignatureProfile.values()).map(SignatureProfile::joseName).toList();
        List<String> signed = List.copyOf(hub.signingAlgorithms());
        this.metadata = new AuthorizationServerMetadata(publicUrl.issuer(), hub.entityId(),
                URI.create(publicUrl.resolve("/v1/token")), URI.create(publicUrl.resolve("/v1/introspect")),
                URI.create(publicUrl.resolve("/v1/jwks/oauth")),
                List.of(AuthorizationServerMetadata.TOKEN_EXCHANGE, AuthorizationServerMetadata.CLIENT_CREDENTIALS),
                List.of(), List.copyOf(methods), verified, List.copyOf(methods), verified, signed, signed,
                mutualTls ? Boolean.TRUE : null,
                Arrays.stream(LevelOfAssurance.values()).map(LevelOfAssurance::uri).toList(),
                List.of(TokenExchangeRequest.ID_TOKEN, TokenExchangeRequest.JWT),
                List.of(TokenExchangeRequest.ACCESS_TOKEN), URI.create(publicUrl.resolve("/q/openapi")));
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public AuthorizationServerMetadata metadata() {
        return metadata;
    }
}
