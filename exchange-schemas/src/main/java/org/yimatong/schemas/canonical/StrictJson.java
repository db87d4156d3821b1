package org.yimatong.schemas.canonical;

import java.io.IOException;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON reader for signed objects (JWS headers, claims, JWKs, list entries). Duplicate member names are
 * refused, because two parsers that pick different duplicates see different content under one signature;
 * trailing garbage after the value is refused too.
 */
public final class StrictJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private StrictJson() {
    }

    /** The shared, thread-safe mapper; do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Parses one JSON value.
     *
     * @throws IOException for empty input, malformed JSON, a duplicate member name or trailing content
     */
    public static JsonNode read(byte[] json) throws IOException {
        return present(MAPPER.readTree(json));
    }

    /** As {@link #read(byte[])} for text. */
    public static JsonNode read(String json) throws IOException {
        return present(MAPPER.readTree(json));
    }

    private static JsonNode present(JsonNode node) throws IOException {
        if (node == null || node.isMissingNode()) {
            throw new IOException("no JSON value");
        }
        return node;
    }
}
