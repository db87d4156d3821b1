package org.yimatong.hub.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The published contract and the hub's resources describe the same API: every JAX-RS method the hub serves under
 * {@code /v1} or {@code /.well-known} is an operation of the OpenAPI document, and every hub operation of the
 * document ({@code /member/v1/...} is what members serve) is a JAX-RS method of the hub. Path parameters are
 * compared by position, not by name.
 */
class ContractCoversEveryResourceTest {

    private static final Map<Class<?>, String> METHODS = Map.of(GET.class, "get", POST.class, "post", PUT.class,
            "put", DELETE.class, "delete", PATCH.class, "patch");

    @Test
    void everyResourceMethodIsInTheContractAndEveryHubOperationIsServed() throws IOException {
        Set<String> served = served();
        Set<String> documented = documented();

        Set<String> undocumented = new TreeSet<>(served);
        undocumented.removeAll(documented);
        Set<String> unserved = new TreeSet<>(documented);
        unserved.removeAll(served);

        assertTrue(served.size() > 30, "the resources were found: " + served);
        assertEquals(Set.of(), undocumented, "served by the hub but not in the OpenAPI document");
        assertEquals(Set.of(), unserved, "in the OpenAPI document but not served by the hub");
    }

    private static Set<String> served() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.yimatong.hub");
        Set<String> operations = new TreeSet<>();
        for (JavaClass type : classes) {
            String base = type.tryGetAnnotationOfType(Path.class).map(Path::value).orElse(null);
            if (base == null) {
                continue;
            }
            for (JavaMethod method : type.getMethods()) {
                for (Map.Entry<Class<?>, String> verb : METHODS.entrySet()) {
                    if (method.isAnnotatedWith(verb.getKey().getName())) {
                        String sub = method.tryGetAnnotationOfType(Path.class).map(Path::value).orElse("");
                        String path = normalise(base + "/" + sub);
                        if (path.startsWith("/v1/") || path.startsWith("/.well-known/")) {
                            operations.add(verb.getValue() + " " + path);
                        }
                    }
                }
            }
        }
        return operations;
    }

    private static Set<String> documented() throws IOException {
        JsonNode paths;
        try (InputStream in = ContractCoversEveryResourceTest.class.getResourceAsStream("/openapi/yimatong-v1.yaml")) {
            paths = new ObjectMapper(new YAMLFactory()).readTree(in).path("paths");
        }
        Set<String> operations = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            if (path.getKey().startsWith("/member/")) {
                continue;
            }
            for (String verb : METHODS.values()) {
                if (path.getValue().has(verb)) {
                    operations.add(verb + " " + normalise(path.getKey()));
                }
            }
        }
        return operations;
    }

    /** One leading slash, no doubled or trailing one, every path parameter as {@code {}}. */
    private static String normalise(String path) {
        String p = ("/" + path).replaceAll("/+", "/").replaceAll("\\{[^}]*}", "{}");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
