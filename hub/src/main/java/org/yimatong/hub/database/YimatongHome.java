package org.yimatong.hub.database;

import java.nio.file.Path;
import java.util.Map;

/** The hub's local folder: {@code YMT_HOME}, else {@code ~/.yimatong}. Holds the embedded database and the default master key. */
public final class YimatongHome {

    private YimatongHome() {
    }

    public static Path resolve(Map<String, String> env) {
        String home = env.get("YMT_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        return Path.of(System.getProperty("user.home"), ".yimatong");
    }
}
