package org.yimatong.schemas.dictionary;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The machine-readable data dictionary: one JSON file per table under {@code /dictionary/} on the class
 * path, each {@code {"$comment", "title", "description", "columns": [{key, title}], "entries": [..]}}.
 * The files are the published form (the module README renders them); the Java enums of this package are
 * kept identical to them by tests.
 */
public final class DataDictionary {

    /** Class-path folder of the files. */
    public static final String RESOURCE_DIR = "/dictionary/";

    /** Every table, in the order the README shows them; the file is {@code <table>.json}. */
    public static final List<String> TABLES = List.of(
            "provinces",
            "id-number-prefixes",
            "id-document-types",
            "colours",
            "verification-statuses",
            "answer-sources",
            "reason-codes",
            "levels-of-assurance",
            "member-kinds",
            "member-statuses",
            "venue-kinds",
            "attestations",
            "purposes",
            "problem-types");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DataDictionary() {
    }

    /**
     * Reads one table file.
     *
     * @throws IllegalArgumentException for a table not in {@link #TABLES}
     */
    public static JsonNode read(String table) {
        if (!TABLES.contains(table)) {
            throw new IllegalArgumentException("unknown dictionary table: " + table);
        }
        String path = RESOURCE_DIR + table + ".json";
        try (InputStream in = DataDictionary.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
