package org.yimatong.schemas.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Every problem type of ProblemType.java is published, with its status, in the document and in problem.json. */
class ProblemTypesDocumentedTest {

    @Test
    void everyProblemTypeIsListedInTheDocumentWithItsStatus() throws IOException {
        String doc = OpenApiDocumentTest.text(OpenApiDocumentTest.DOCUMENT);
        List<String> missing = new ArrayList<>();
        for (ProblemType t : ProblemType.values()) {
            if (!doc.contains("| " + t.slug() + " | " + t.status() + " |")) {
                missing.add(t.slug());
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void problemSchemaSlugEnumIsExactlyTheProblemTypes() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(OpenApiDocumentTest.text("schemas/problem.json"));
        Set<String> documented = new TreeSet<>();
        schema.at("/$defs/slug/enum").forEach(n -> documented.add(n.asText()));
        Set<String> declared = new TreeSet<>();
        Arrays.stream(ProblemType.values()).forEach(t -> declared.add(t.slug()));
        assertEquals(declared, documented);
    }

    @Test
    void everyProblemTypeUriMatchesTheSchemaPattern() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(OpenApiDocumentTest.text("schemas/problem.json"));
        String pattern = schema.at("/properties/type/pattern").asText();
        for (ProblemType t : ProblemType.values()) {
            assertTrue(t.uri().toString().matches(pattern), t.uri().toString());
        }
    }
}
