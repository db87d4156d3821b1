package org.yimatong.hub.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.yimatong.hub.config.HubConfig;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;

/**
 * A hub declared {@code production} ({@code ymt.hub.deployment}) does not start without TLS: a key store to serve
 * https with, plain http switched off, and https URLs for itself and its parent. A development hub (the default, as
 * the README starts it) may serve plain http and says so in its entity configuration.
 */
@ApplicationScoped
public class ProductionChecks {

    void onStart(@Observes StartupEvent start, HubConfig hub, TlsConfigurationRegistry tls,
            @ConfigProperty(name = "quarkus.http.tls-configuration-name") Optional<String> tlsName,
            @ConfigProperty(name = "quarkus.http.insecure-requests") Optional<String> insecureRequests) {
        if (hub.deployment() != HubConfig.Deployment.PRODUCTION) {
            return;
        }
        boolean keyStore = tlsName.flatMap(tls::get).or(tls::getDefault).map(TlsConfiguration::getKeyStore)
                .isPresent();
        List<String> faults = faults(hub.publicUrl().orElse("(unset)"), hub.parentUrls().orElse(List.of()), keyStore,
                insecureRequests.orElse("enabled"));
        if (!faults.isEmpty()) {
            throw new IllegalStateException("ymt.hub.deployment=production, but " + String.join("; ", faults)
                    + " (a hub for development runs with ymt.hub.deployment=development)");
        }
    }

    /** What keeps a production hub from starting; empty when nothing does. */
    static List<String> faults(String publicUrl, List<String> parentUrls, boolean keyStore,
            String insecureRequests) {
        List<String> faults = new ArrayList<>();
        if (!keyStore) {
            faults.add("no TLS key store to serve https with (quarkus.http.tls-configuration-name and its"
                    + " quarkus.tls.<name>.key-store.*)");
        }
        if (!"disabled".equalsIgnoreCase(insecureRequests) && !"redirect".equalsIgnoreCase(insecureRequests)) {
            faults.add("plain http is served (quarkus.http.insecure-requests=" + insecureRequests
                    + "; disabled or redirect)");
        }
        if (!publicUrl.startsWith("https://")) {
            faults.add("ymt.hub.public-url " + publicUrl + " is not https");
        }
        parentUrls.stream().filter(url -> !url.strip().startsWith("https://"))
                .forEach(url -> faults.add("ymt.hub.parent-url " + url + " is not https"));
        return faults;
    }
}
