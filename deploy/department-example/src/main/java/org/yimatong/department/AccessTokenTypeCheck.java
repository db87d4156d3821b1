package org.yimatong.department;

import java.io.IOException;
import java.util.Base64;
import java.util.Locale;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * SmallRye JWT's verification, after RFC 9068 §4's check that the JWS is an access token ({@code typ} {@code at+jwt}).
 * The hub signs other JWTs with the same keys (signed introspection answers, with the same issuer URL as {@code iss};
 * client assertions) and one of them may name this department in {@code aud}; SmallRye checks no {@code typ}, so
 * without this such a JWT would pass as a person's sign-on. The header is read before the signature is checked,
 * which is safe because {@code typ} is in the signed header: a forged one still fails verification.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class AccessTokenTypeCheck extends DefaultJWTCallerPrincipalFactory {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        if (!isAccessToken(token)) {
            throw new ParseException("not an access token (typ at+jwt)");
        }
        return super.parse(token, authContextInfo);
    }

    static boolean isAccessToken(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        try {
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(token.substring(0, dot)));
            JsonNode typ = header == null ? null : header.get("typ");
            if (typ == null || !typ.isTextual()) {
                return false;
            }
            String type = typ.textValue().toLowerCase(Locale.ROOT);
            return type.equals("at+jwt") || type.equals("application/at+jwt");
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
