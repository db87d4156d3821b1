package org.yimatong.hub.keys;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Where the key that seals the hub's private keys at rest comes from. */
@ConfigMapping(prefix = "ymt.keys")
public interface KeysConfig {

    /**
     * The master key, 32 bytes in base64. When absent the hub uses (and on first start creates) the file
     * {@code master.key} in its home folder, which suits a single machine; production sets this.
     */
    Optional<String> masterKey();
}
