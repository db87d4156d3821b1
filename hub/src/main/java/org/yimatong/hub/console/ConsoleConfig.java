package org.yimatong.hub.console;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The admin console's settings. */
@ConfigMapping(prefix = "ymt.console")
public interface ConsoleConfig {

    /**
     * How long a console login lasts. Short: the session cookie is a signed expiry, checked by every instance without
     * a shared store, so logging out clears it from the browser but cannot recall a copy taken before.
     */
    @WithDefault("30m")
    Duration sessionTimeout();
}
