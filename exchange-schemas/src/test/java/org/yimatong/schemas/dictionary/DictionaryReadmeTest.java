package org.yimatong.schemas.dictionary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Generates the data-dictionary section of {@code exchange-schemas/README.md} from the dictionary files
 * and fails when the committed README differs. To rewrite the README:
 *
 * <pre>
 * ./mvnw -B -o -q -pl exchange-schemas test -Dtest=DictionaryReadmeTest -Dymt.regenerate=true
 * </pre>
 */
class DictionaryReadmeTest {

    static final String BEGIN = "<!-- dictionary:begin -->";
    static final String END = "<!-- dictionary:end -->";
    static final String REGENERATE = "ymt.regenerate";

    private static final Path README = Path.of(System.getProperty("basedir", "."), "README.md");

    @Test
    void readmeDictionarySectionIsGeneratedFromTheFiles() throws IOException {
        String current = Files.readString(README, StandardCharsets.UTF_8);
        int begin = current.indexOf(BEGIN);
        int end = current.indexOf(END);
        assertTrue(begin >= 0 && end > begin, README + " must contain " + BEGIN + " ... " + END);
        String expected = current.substring(0, begin) + BEGIN + "\n" + render() + END
                + current.substring(end + END.length());
        if (expected.equals(current)) {
            return;
        }
        if (Boolean.getBoolean(REGENERATE)) {
            Files.writeString(README, expected, StandardCharsets.UTF_8);
            return;
        }
        fail(README + " is out of date with src/main/resources/dictionary/. Regenerate it with\n"
                + "  ./mvnw -B -o -q -pl exchange-schemas test -Dtest=DictionaryReadmeTest -D" + REGENERATE
                + "=true\nand commit the result.");
    }

    @Test
    void cellsEscapePipesAndRenderBooleans() {
        assertEquals("a \\| b", cell(new TextNode("a | b")));
        assertEquals("yes", cell(BooleanNode.TRUE));
        assertEquals("no", cell(BooleanNode.FALSE));
        assertEquals("401", cell(IntNode.valueOf(401)));
    }

    /** The Markdown between the markers: one section per table, in {@link DataDictionary#TABLES} order. */
    static String render() {
        StringBuilder md = new StringBuilder();
        md.append("<!-- Generated from src/main/resources/dictionary/*.json by DictionaryReadmeTest;")
                .append(" do not edit by hand. -->\n");
        for (String table : DataDictionary.TABLES) {
            JsonNode file = DataDictionary.read(table);
            md.append("\n### ").append(file.get("title").asText()).append("\n\n");
            md.append(file.get("description").asText()).append("\n\n");
            md.append("File: [`dictionary/").append(table).append(".json`](src/main/resources/dictionary/")
                    .append(table).append(".json). ").append(file.get("$comment").asText()).append("\n\n");
            StringBuilder header = new StringBuilder("|");
            StringBuilder rule = new StringBuilder("|");
            for (JsonNode column : file.get("columns")) {
                header.append(' ').append(column.get("title").asText()).append(" |");
                rule.append("---|");
            }
            md.append(header).append('\n').append(rule).append('\n');
            for (JsonNode entry : file.get("entries")) {
                md.append('|');
                for (JsonNode column : file.get("columns")) {
                    String value = cell(entry.get(column.get("key").asText()));
                    md.append(value.isEmpty() ? "" : " " + value).append(" |");
                }
                md.append('\n');
            }
        }
        md.append('\n');
        return md.toString();
    }

    static String cell(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        if (value.isBoolean()) {
            return value.asBoolean() ? "yes" : "no";
        }
        return value.asText().replace("|", "\\|").replace("\n", " ");
    }
}
