package org.yimatong.hub.outbound;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.yimatong.hub.config.HubConfig;
import org.yimatong.hub.keys.HubKeyRing;
import org.yimatong.schemas.jose.ClientAssertion;

/**
 * How the hub proves who it is on a call it makes (REQ-AUTH-3). Over https with a client certificate configured
 * ({@code ymt.outbound.tls-configuration-name}, see {@link OutboundHttp}) the certificate is the proof: no header,
 * no signature per call. Otherwise (plain http to this machine in development, or no certificate configured) a
 * client assertion signed with the hub's key for the callee: an SM2 signature per call, the largest cost of a
 * verification when measured (bench/RESULTS.md).
 */
@ApplicationScoped
public class HubCredentials {

    private final HubKeyRing keys;
    private final HubConfig hub;
    private final Clock clock;
    private final boolean clientCertificate;

    public HubCredentials(HubKeyRing keys, HubConfig hub, Clock clock,
            @ConfigProperty(name = OutboundHttp.TLS_CONFIGURATION) Optional<String> tlsConfigurationName) {
        this.keys = keys;
        this.hub = hub;
        this.clock = clock;
        this.clientCertificate = tlsConfigurationName.isPresent();
    }

    /** The headers that prove the hub's identity to {@code callee} at {@code target}: none when TLS does. */
    public Map<String, String> headers(URI target, String callee) {
        if (certifiedByTls(target)) {
            return Map.of();
        }
        return Map.of(ClientAssertion.HEADER, assertion(callee));
    }

    /** True when a call to {@code target} carries the hub's client certificate. */
    private boolean certifiedByTls(URI target) {
        return clientCertificate && "https".equalsIgnoreCase(target.getScheme());
    }

    /** A fresh client assertion for {@code callee}, for calls whose form carries it (token introspection). */
    public String assertion(String callee) {
        return ClientAssertion.sign(keys.signingKey(), hub.entityId(), callee, clock.instant());
    }
}
