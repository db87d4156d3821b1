package org.yimatong.schemas.code;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.yimatong.schemas.crypto.Jwk;

/** Published example keys, so golden codes can be re-made and checked by anyone, with any JOSE library. */
final class GoldenKeys {

    /** RFC 8037 Appendix A.1: Ed25519 signatures are deterministic, so a code signed with it is one string. */
    static final Jwk ED25519 = Jwk.parse("{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
            + "\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\","
            + "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}");

    /** RFC 7515 Appendix A.3: ES256 nonces are RFC 6979 deterministic here, so a code is one string too. */
    static final Jwk P256 = Jwk.parse("{\"kty\":\"EC\",\"crv\":\"P-256\","
            + "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\","
            + "\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\","
            + "\"d\":\"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI\"}");

    /**
     * The GM/T 0003.5 example key on the recommended curve sm2p256v1. SM2 signs with a random nonce, so its golden
     * codes pin the signing input and a signature that must keep verifying.
     */
    static final Jwk SM2 = Jwk.parse("{\"kty\":\"EC\",\"crv\":\"SM2\","
            + "\"x\":\"CfnfMR5UIaFQ3X0WHkvFxnIXn60YM_wHa7CP81bzUCA\","
            + "\"y\":\"zOpJDOJndaUtxupxjMGqYArtBfvzXghKZjL2By2prRM\","
            + "\"d\":\"OUUgj3shRLE_NuOKxtOflYiTk2koYLUaQvuB7033xbg\"}");

    private GoldenKeys() {
    }

    static String golden(String name) throws IOException {
        try (InputStream in = GoldenKeys.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new IOException("missing golden file " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        }
    }

    /** {@code BASE64URL(header) '.' BASE64URL(payload)}: what a signature covers. */
    static String signingInput(String compact) {
        return compact.substring(0, compact.lastIndexOf('.'));
    }
}
