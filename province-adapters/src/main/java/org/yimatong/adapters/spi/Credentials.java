package org.yimatong.adapters.spi;

import java.util.Objects;

/**
 * What a native platform gave the hub to call it: an id (app id, app key, user) and a secret (password,
 * signing secret). {@link #toString()} never shows the secret.
 */
public record Credentials(String id, String secret) {

    public static final Credentials NONE = new Credentials("", "");

    public Credentials {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "Credentials[id=" + id + ", secret=<" + (secret.isEmpty() ? "none" : "hidden") + ">]";
    }
}
