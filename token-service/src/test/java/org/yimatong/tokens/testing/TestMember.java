package org.yimatong.tokens.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.yimatong.schemas.crypto.Base64Url;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.KeyResolver;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.jose.JwsSigner;
import org.yimatong.tokens.idtoken.IssuerKeys;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A member's login service: its key, and ID tokens it signs with claims a test chooses. */
public final class TestMember {

    public static final String HUB = "ymt:hub:yrd";
    /** The hub's OAuth issuer: its public base URL, {@code iss} of its tokens. */
    public static final String HUB_ISSUER = "https://yrd.yimatong.example";

    private final String entityId;
    private final Jwk key;

    public TestMember(String entityId, SignatureProfile profile) {
        this.entityId = entityId;
        this.key = Jwk.generate(profile).withKid(entityId.substring(entityId.lastIndexOf(':') + 1) + "-1");
    }

    public String entityId() {
        return entityId;
    }

    public Jwk key() {
        return key;
    }

    public JwkSet publishedKeys() {
        return new JwkSet(List.of(key.publicOnly()));
    }

    /** Claims of a good ID token for {@code sub} at {@code acr}, issued at {@code now}, valid 10 minutes. */
    public ObjectNode claims(String sub, String acr, Instant now) {
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        claims.put("iss", entityId);
        claims.put("sub", sub);
        claims.put("aud", HUB);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plusSeconds(600).getEpochSecond());
        claims.put("auth_time", now.minusSeconds(60).getEpochSecond());
        claims.put("acr", acr);
        claims.put("jti", "id-" + sub + "-" + now.getEpochSecond());
        return claims;
    }

    public String idToken(String sub, String acr, Instant now) {
        return sign(claims(sub, acr, now));
    }

    /** An ID token whose issuer vouches that {@code actor} (of {@code actorIssuer}; null: this member) may act for it. */
    public String idTokenActedForBy(String sub, String acr, Instant now, String actor, String actorIssuer) {
        ObjectNode claims = claims(sub, acr, now);
        ObjectNode mayAct = claims.putObject("may_act").put("sub", actor);
        if (actorIssuer != null) {
            mayAct.put("iss", actorIssuer);
        }
        return sign(claims);
    }

    public String sign(ObjectNode claims) {
        return JwsSigner.sign(key, "JWT", claims.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A compact JWS with the given header JSON and a signature made by {@code signer}. */
    public static String withHeader(String headerJson, ObjectNode claims, Signer signer) {
        String input = Base64Url.encode(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                + Base64Url.encode(claims.toString().getBytes(StandardCharsets.UTF_8));
        return input + "." + Base64Url.encode(signer.sign(input.getBytes(StandardCharsets.US_ASCII)));
    }

    @FunctionalInterface
    public interface Signer {
        byte[] sign(byte[] input);
    }

    /** The key sets of a few members, with a refresh the test can arm and count. */
    public static final class Directory implements IssuerKeys {
        private final Map<String, KeyResolver> current = new ConcurrentHashMap<>();
        private final Map<String, KeyResolver> afterRefresh = new ConcurrentHashMap<>();
        private int refreshes;

        public Directory add(TestMember member) {
            current.put(member.entityId(), member.publishedKeys());
            return this;
        }

        /** What the next refresh of {@code issuer} fetches. */
        public void onRefresh(String issuer, JwkSet keys) {
            afterRefresh.put(issuer, keys);
        }

        public int refreshes() {
            return refreshes;
        }

        @Override
        public Optional<KeyResolver> keysOf(String issuer) {
            return Optional.ofNullable(current.get(issuer));
        }

        @Override
        public Optional<KeyResolver> refresh(String issuer) {
            refreshes++;
            KeyResolver fetched = afterRefresh.get(issuer);
            if (fetched != null) {
                current.put(issuer, fetched);
            }
            return Optional.ofNullable(fetched);
        }
    }
}
