package org.yimatong.hub.testing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.camel.quarkus.core.CamelRuntime;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Test only. camel-quarkus does not start Camel in an application with its own {@code @QuarkusMain} (HubMain
 * starts it through {@code CamelMainApplication}), and {@code @QuarkusTest} never runs the main: so start it
 * here the same way.
 */
@ApplicationScoped
public class CamelTestStarter {

    void start(@Observes StartupEvent event, CamelRuntime runtime) {
        if (!runtime.getCamelContext().isStarted()) {
            runtime.start(new String[0]);
        }
    }

    void stop(@Observes ShutdownEvent event, CamelRuntime runtime) {
        runtime.stop();
    }
}
