package org.yimatong.conformance.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yimatong.schemas.idnumber.ResidentIdNumber;

/**
 * Masks what must never reach a report: credentials in headers, bearer things in bodies (dynamic codes, ID tokens,
 * client assertions: every compact JWS), secrets in JSON members and form fields, and anything that looks like an
 * 18-digit resident ID number (kept as {@code 310101********1234}, as the hub's logs do, REQ-PRIV-1). Applied
 * before an exchange is stored, so nothing unredacted is ever held for a report.
 */
public final class Redaction {

    public static final String MASK = "[redacted]";

    /** Headers whose whole value is a credential. */
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie",
            "set-cookie", "ymt-client-assertion", "x-api-key");
    /** JSON members and form fields that carry a credential or a code, whatever they look like. */
    private static final Set<String> SECRET_FIELDS = Set.of("token", "id_token", "access_token", "refresh_token",
            "subject_token", "actor_token", "client_assertion", "client_secret", "password", "code", "d", "key",
            "secret");
    /** A compact JWS or JWT: three base64url parts, the first a JSON header ({@code eyJ}). */
    private static final Pattern JWS = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*");
    /** 17 digits and a check character, not inside a longer run of digits. */
    private static final Pattern ID_NUMBER = Pattern.compile(
            "(?<![0-9])([0-9]{6})([0-9]{8})([0-9]{3}[0-9Xx])(?![0-9])");
    private static final Pattern JSON_SECRET_MEMBER;
    private static final Pattern FORM_SECRET_FIELD;

    static {
        String names = String.join("|", SECRET_FIELDS);
        JSON_SECRET_MEMBER = Pattern.compile("(\"(?:" + names + ")\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");
        FORM_SECRET_FIELD = Pattern.compile("(^|&)((?:" + names + ")=)[^&]*");
    }

    private Redaction() {
    }

    /** A copy of {@code headers} with credential headers masked and the rest cleaned of JWS and ID numbers. */
    public static Map<String, List<String>> headers(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            if (name == null) {
                return;
            }
            boolean secret = SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT));
            out.put(name, values.stream().map(v -> secret ? MASK : text(v)).toList());
        });
        return out;
    }

    /** A body as text fit for a report: binary bodies are summarised, text bodies redacted. */
    public static String body(byte[] body, String contentType) {
        if (body == null || body.length == 0) {
            return "";
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        boolean textual = type.isEmpty() || type.contains("json") || type.startsWith("text/") || type.contains("xml")
                || type.contains("x-www-form-urlencoded") || type.contains("ndjson");
        if (!textual) {
            return "[" + body.length + " bytes of " + contentType + "]";
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (type.contains("x-www-form-urlencoded")) {
            text = FORM_SECRET_FIELD.matcher(text).replaceAll("$1$2" + Matcher.quoteReplacement(MASK));
        }
        text = JSON_SECRET_MEMBER.matcher(text).replaceAll("$1\"" + Matcher.quoteReplacement(MASK) + "\"");
        return text(text);
    }

    /** Free text (a URL, a header value, a message) with every JWS and ID number masked. */
    public static String text(String value) {
        if (value == null) {
            return null;
        }
        String out = JWS.matcher(value).replaceAll(Matcher.quoteReplacement("[jws " + MASK + "]"));
        return ID_NUMBER.matcher(out).replaceAll("$1********$3");
    }

    /**
     * True if {@code value} holds a resident ID number: 18 characters of that shape that also pass GB 11643's
     * checks (region, birth date, check character). Masking ({@link #text}) goes by the shape alone, so it may
     * also mask a digit run inside a hex pseudonym; this test may not, or a random pseudonym would fail a
     * privacy check about once in a hundred.
     */
    public static boolean containsIdNumber(String value) {
        if (value == null) {
            return false;
        }
        Matcher m = ID_NUMBER.matcher(value);
        while (m.find()) {
            if (ResidentIdNumber.isValid(m.group())) {
                return true;
            }
        }
        return false;
    }
}
