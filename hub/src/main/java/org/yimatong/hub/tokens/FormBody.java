package org.yimatong.hub.tokens;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.yimatong.schemas.problem.ProblemType;
import org.yimatong.tokens.oauth.OAuthError;
import org.yimatong.tokens.oauth.TokenException;

/**
 * The {@code application/x-www-form-urlencoded} body of the token endpoints, decoded here rather than by the
 * framework so that a malformed one (a bad escape, a NUL or other control character, a name without a value) is an
 * OAuth {@code invalid_request} (RFC 6749 §5.2) and never a server error.
 */
final class FormBody {

    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x1F\\x7F]");

    private FormBody() {
    }

    static MultivaluedMap<String, String> parse(String body) {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        if (body == null || body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&", -1)) {
            int equals = pair.indexOf('=');
            if (pair.isEmpty() || equals <= 0) {
                throw malformed("every parameter is name=value");
            }
            String name = decode(pair.substring(0, equals));
            String value = decode(pair.substring(equals + 1));
            if (CONTROL.matcher(name).find() || CONTROL.matcher(value).find()) {
                throw malformed("a parameter holds a control character");
            }
            form.add(name, value);
        }
        return form;
    }

    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed("a parameter is not valid percent-encoding");
        }
    }

    private static TokenException malformed(String why) {
        return new TokenException(OAuthError.INVALID_REQUEST, ProblemType.MALFORMED_REQUEST,
                "The body is not valid application/x-www-form-urlencoded: " + why);
    }
}
