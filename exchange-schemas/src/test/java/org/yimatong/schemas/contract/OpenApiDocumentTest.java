package org.yimatong.schemas.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/** The OpenAPI document parses cleanly, resolves fully and describes every v1 operation the way DESIGN.md asks. */
class OpenApiDocumentTest {

    static final String DOCUMENT = "openapi/yimatong-v1.yaml";
    static final String PROBLEM_JSON = "application/problem+json";

    /** Every operation DESIGN.md §3, §5a and §6–§9 name, hub side and member side. */
    static final Set<String> REQUIRED_OPERATIONS = Set.of(
            "GET /.well-known/yimatong", "GET /v1/jwks", "POST /v1/verifications", "POST /v1/green-lookups",
            "GET /v1/members", "GET /v1/members/{id}", "POST /v1/admin/members", "GET /v1/admin/members",
            "GET /v1/admin/members/{id}", "PUT /v1/admin/members/{id}",
            "POST /v1/admin/members/{id}/conformance-reports", "POST /v1/admin/keys/rotate",
            "PUT /v1/admin/departments/{id}/operators/{operator}", "GET /v1/lists/key", "POST /v1/lists/batches",
            "GET /v1/lists/batches/{tag}", "GET /v1/lists/batches/{tag}/provenance", "GET /v1/lists/changes",
            "GET /v1/lists/snapshot", "POST /v1/lists/subscriptions", "POST /v1/token", "POST /v1/introspect",
            "POST /v1/revocations", "GET /v1/audit", "GET /v1/audit/verify", "POST /v1/appeals",
            "GET /v1/appeals/{id}", "POST /v1/appeals/{id}/decision", "POST /v1/venue-scans",
            "POST /member/v1/verifications", "POST /member/v1/green-lookups", "GET /member/v1/jwks",
            "POST /member/v1/appeals", "POST /member/v1/list-changes", "POST /member/v1/introspect",
            "POST /member/v1/venue-scans");

    static final Set<String> MEMBER_OPERATIONS = Set.of("getEntityConfiguration", "memberVerifyCode",
            "memberGreenLookup", "memberJwks", "memberReceiveAppeal", "memberReceiveListChangeNotification",
            "memberIntrospect", "memberReceiveVenueScan");

    static SwaggerParseResult result;
    static OpenAPI api;

    @BeforeAll
    static void parse() {
        URL url = resource(DOCUMENT);
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        result = new OpenAPIV3Parser().readLocation(url.toString(), null, options);
        api = result.getOpenAPI();
    }

    @Test
    void documentParsesWithoutAnyMessage() {
        assertNotNull(api, "not parsed: " + result.getMessages());
        assertEquals(List.of(), result.getMessages());
        assertEquals("3.1.0", api.getOpenapi());
    }

    @Test
    void everyReferenceResolvesInsideTheDocument() {
        JsonNode tree = Json31.mapper().valueToTree(api);
        List<String> unresolved = new ArrayList<>();
        collectRefs(tree, ref -> {
            if (!ref.startsWith("#/") || tree.at(ref.substring(1)).isMissingNode()) {
                unresolved.add(ref);
            }
        });
        assertEquals(List.of(), unresolved);
    }

    @Test
    void everyRequiredOperationIsDescribed() {
        Set<String> present = new TreeSet<>();
        operations().forEach(o -> present.add(o.method + " " + o.path));
        Set<String> missing = new TreeSet<>(REQUIRED_OPERATIONS);
        missing.removeAll(present);
        assertEquals(Set.of(), missing);
    }

    @Test
    void everyOperationHasAUniqueIdATagAndAProblemResponse() {
        Set<String> ids = new HashSet<>();
        List<String> faults = new ArrayList<>();
        operations().forEach(o -> {
            String id = o.operation.getOperationId();
            if (id == null || !ids.add(id)) {
                faults.add(o + ": missing or duplicate operationId " + id);
            }
            if (o.operation.getTags() == null || o.operation.getTags().isEmpty()) {
                faults.add(o + ": no tag");
            }
            boolean problem4xx = o.operation.getResponses().entrySet().stream()
                    .filter(e -> e.getKey().startsWith("4"))
                    .map(e -> resolve(e.getValue()))
                    .anyMatch(r -> r.getContent() != null && r.getContent().containsKey(PROBLEM_JSON));
            if (!problem4xx) {
                faults.add(o + ": no 4xx application/problem+json response");
            }
            o.operation.getResponses().forEach((status, response) -> {
                ApiResponse r = resolve(response);
                if (status.matches("[45]..") && (r.getContent() == null || !r.getContent().containsKey(PROBLEM_JSON))) {
                    faults.add(o + ": error " + status + " is not application/problem+json");
                }
            });
        });
        assertEquals(List.of(), faults);
    }

    @Test
    void memberApiTagHoldsEveryMemberOperation() {
        Set<String> tagged = new TreeSet<>();
        List<String> faults = new ArrayList<>();
        operations().forEach(o -> {
            boolean member = o.operation.getTags() != null && o.operation.getTags().contains("member-api");
            if (member) {
                tagged.add(o.operation.getOperationId());
            }
            if (o.path.startsWith("/member/")) {
                if (!member) {
                    faults.add(o + ": member path without tag member-api");
                }
                if (o.item.getServers() == null || o.item.getServers().isEmpty()) {
                    faults.add(o + ": member path without the member servers");
                }
            }
        });
        assertEquals(List.of(), faults);
        assertEquals(MEMBER_OPERATIONS, tagged);
    }

    @Test
    void routedOperationsCarryHopAndPathHeadersAndMayAnswerLoopDetected() {
        List<String> faults = new ArrayList<>();
        operations().filter(o -> o.operation.getResponses().containsKey("508")).forEach(o -> {
            Set<String> headers = new HashSet<>();
            if (o.operation.getParameters() != null) {
                o.operation.getParameters().forEach(p -> headers.add(p.get$ref() != null ? p.get$ref() : p.getName()));
            }
            if (!headers.contains("#/components/parameters/YmtHop")
                    || !headers.contains("#/components/parameters/YmtPath")) {
                faults.add(o + ": answers 508 without Ymt-Hop and Ymt-Path parameters");
            }
        });
        assertEquals(List.of(), faults);
        assertTrue(api.getComponents().getParameters().get("YmtHop").getSchema().getMaximum().intValue() == 8);
    }

    @Test
    void securitySchemesAreMutualTlsClientAssertionAndAdminBearer() {
        Map<String, io.swagger.v3.oas.models.security.SecurityScheme> schemes = api.getComponents()
                .getSecuritySchemes();
        assertEquals(Set.of("mutualTLS", "clientAssertion", "adminBearer"), schemes.keySet());
        assertEquals(io.swagger.v3.oas.models.security.SecurityScheme.Type.MUTUALTLS,
                schemes.get("mutualTLS").getType());
        assertTrue(schemes.get("clientAssertion").getDescription().contains("private_key_jwt"));
    }

    @Test
    void everySchemaFileIsValidJsonAndReachableFromTheDocument() throws IOException {
        Path dir = directory("schemas");
        ObjectMapper json = new ObjectMapper();
        Set<String> files = new TreeSet<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.toString().endsWith(".json")).forEach(p -> files.add(p.getFileName().toString()));
        }
        Set<String> reached = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(refsIn(text(DOCUMENT), Pattern.compile(
                "\\.\\./schemas/([a-z0-9-]+\\.json)")));
        while (!todo.isEmpty()) {
            String file = todo.pop();
            if (reached.add(file)) {
                JsonNode schema = json.readTree(dir.resolve(file).toFile());
                assertEquals("https://json-schema.org/draft/2020-12/schema", schema.path("$schema").asText(), file);
                collectRefs(schema, ref -> {
                    if (!ref.startsWith("#")) {
                        todo.push(ref.replaceFirst("#.*$", ""));
                    }
                });
            }
        }
        assertEquals(files, reached, "schema files not referenced from " + DOCUMENT);
    }

    // ---------------------------------------------------------------- helpers

    record Op(String method, String path, PathItem item, Operation operation) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static Stream<Op> operations() {
        return api.getPaths().entrySet().stream().flatMap(p -> p.getValue().readOperationsMap().entrySet().stream()
                .map(e -> new Op(e.getKey().name(), p.getKey(), p.getValue(), e.getValue())));
    }

    static ApiResponse resolve(ApiResponse r) {
        if (r.get$ref() == null) {
            return r;
        }
        String name = r.get$ref().substring(r.get$ref().lastIndexOf('/') + 1);
        ApiResponse target = api.getComponents().getResponses().get(name);
        assertNotNull(target, "unresolved response " + r.get$ref());
        return target;
    }

    static void collectRefs(JsonNode node, java.util.function.Consumer<String> sink) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if ("$ref".equals(e.getKey()) && e.getValue().isTextual()) {
                    sink.accept(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), sink);
                }
            }
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, sink));
        }
    }

    /** Every key of every {@code properties} object, at any depth. */
    static void collectPropertyNames(JsonNode node, java.util.function.Consumer<String> sink) {
        if (node.isObject()) {
            node.path("properties").fieldNames().forEachRemaining(sink);
            node.forEach(child -> collectPropertyNames(child, sink));
        } else if (node.isArray()) {
            node.forEach(child -> collectPropertyNames(child, sink));
        }
    }

    static Set<String> refsIn(String text, Pattern pattern) {
        Set<String> out = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static URL resource(String name) {
        URL url = OpenApiDocumentTest.class.getClassLoader().getResource(name);
        assertNotNull(url, name + " not on the classpath");
        return url;
    }

    static String text(String name) throws IOException {
        try (InputStream in = resource(name).openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Path directory(String name) {
        try {
            return Path.of(resource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
