package org.yimatong.adapters.jsonhmac;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The dialect's request signature: {@code sign = hex(HMAC-SHA256(secret, k1=v1&k2=v2&...))}, the parameters
 * (all of them but {@code sign}, including {@code timestamp} and {@code nonce}) sorted by name in code-point
 * order, values raw (not URL-encoded), UTF-8, lowercase hex.
 */
public final class HmacQuerySigner {

    private HmacQuerySigner() {
    }

    /** The string that is signed. */
    public static String signingString(Map<String, String> parameters) {
        SortedMap<String, String> sorted = new TreeMap<>(parameters);
        sorted.remove("sign");
        return sorted.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
    }

    public static String sign(String secret, Map<String, String> parameters) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] out = mac.doFinal(signingString(parameters).getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(64);
            for (byte b : out) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The parameters with {@code sign} added, URL-encoded as a query string or form body (sorted by name). */
    public static String signedQuery(String secret, Map<String, String> parameters) {
        SortedMap<String, String> all = new TreeMap<>(parameters);
        all.put("sign", sign(secret, parameters));
        return all.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
