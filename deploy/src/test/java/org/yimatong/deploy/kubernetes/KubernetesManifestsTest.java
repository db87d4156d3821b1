package org.yimatong.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * No cluster runs here: this reads every manifest under {@code deploy/kubernetes} and checks what must hold for a
 * hub to run as several instances on CloudNativePG (DESIGN.md §14): the kustomizations point at files that exist,
 * at least two replicas with health probes and resource bounds, the JVM options of {@code hub/jvm.options}, the
 * database from the cluster's {@code <cluster>-app} secret, a three-instance cluster, a disruption budget and an
 * autoscaler aimed at the Deployment, and each overlay naming its hub (and its parent, for a regional hub).
 */
class KubernetesManifestsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path REPO = Path.of(System.getProperty("ymt.repo", "..")).toAbsolutePath().normalize();
    private static final Path ROOT = REPO.resolve("deploy/kubernetes");

    @Test
    void everyManifestParsesAndEveryKustomizationNamesFilesThatExist() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(ROOT)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml")).toList();
        }
        assertTrue(files.size() >= 10, "manifests found: " + files);
        for (Path file : files) {
            JsonNode doc = YAML.readTree(file.toFile());
            assertTrue(doc.hasNonNull("apiVersion") && doc.hasNonNull("kind"), file + " has no apiVersion or kind");
            if (doc.path("kind").asText().equals("Kustomization")) {
                for (JsonNode resource : doc.path("resources")) {
                    assertTrue(Files.exists(file.getParent().resolve(resource.asText())), file + ": " + resource);
                }
                for (JsonNode patch : doc.path("patches")) {
                    assertTrue(Files.exists(file.getParent().resolve(patch.path("path").asText())), file + ": "
                            + patch);
                }
            }
        }
    }

    @Test
    void theHubRunsAsSeveralInstancesWithProbesBoundsAndTheReadmesJvmOptions() throws IOException {
        Map<String, JsonNode> base = base();
        JsonNode deployment = base.get("Deployment");
        assertTrue(deployment.path("spec").path("replicas").asInt() >= 2, "replicas");
        JsonNode hub = deployment.path("spec").path("template").path("spec").path("containers").get(0);
        assertEquals("/q/health/ready", hub.path("readinessProbe").path("httpGet").path("path").asText());
        assertEquals("/q/health/live", hub.path("livenessProbe").path("httpGet").path("path").asText());
        assertFalse(hub.path("resources").path("requests").path("cpu").isMissingNode(), "cpu request");
        assertFalse(hub.path("resources").path("requests").path("memory").isMissingNode(), "memory request");
        // PERF-5 holds RSS under 512 MiB with these options: the limit leaves room above it
        assertTrue(mebibytes(hub.path("resources").path("limits").path("memory").asText()) >= 512, "memory limit");

        Map<String, JsonNode> env = env(hub);
        assertEquals(jvmOptions(), env.get("JAVA_TOOL_OPTIONS").path("value").asText(),
                "the container's JVM options are hub/jvm.options'");

        String podLabel = "app.kubernetes.io/component";
        String component = deployment.at("/spec/template/metadata/labels").path(podLabel).asText();
        assertEquals(component, base.get("Service").path("spec").path("selector").path(podLabel).asText());
        assertEquals(component, base.get("PodDisruptionBudget").at("/spec/selector/matchLabels").path(podLabel)
                .asText());
        assertTrue(base.get("PodDisruptionBudget").path("spec").path("minAvailable").asInt() >= 1);
        String targetPort = base.get("Service").at("/spec/ports/0/targetPort").asText();
        assertEquals(targetPort, hub.at("/ports/0/name").asText(), "the Service targets the hub's named port");

        JsonNode hpa = base.get("HorizontalPodAutoscaler");
        assertEquals("Deployment", hpa.at("/spec/scaleTargetRef/kind").asText());
        assertEquals(deployment.at("/metadata/name").asText(), hpa.at("/spec/scaleTargetRef/name").asText());
        assertTrue(hpa.at("/spec/minReplicas").asInt() >= 2, "the autoscaler never goes below two instances");
    }

    @Test
    void theHubIsAProductionDeploymentServingHttpsOnly() throws IOException {
        JsonNode pod = base().get("Deployment").at("/spec/template/spec");
        JsonNode hub = pod.at("/containers/0");
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            assertEquals("HTTPS", hub.at("/" + probe + "/httpGet/scheme").asText(), probe);
        }
        java.util.Properties settings = new java.util.Properties();
        try (var in = Files.newBufferedReader(ROOT.resolve("base/application.properties"))) {
            settings.load(in);
        }
        assertEquals("production", settings.getProperty("ymt.hub.deployment"));
        assertEquals("disabled", settings.getProperty("quarkus.http.insecure-requests"));
        assertEquals(String.valueOf(hub.at("/ports/0/containerPort").asInt()), settings.getProperty(
                "quarkus.http.ssl-port"));

        // the settings are read from config/ in the working folder; the key store's files come from the TLS secret
        Map<String, String> mounts = new HashMap<>();
        hub.path("volumeMounts").forEach(m -> mounts.put(m.path("name").asText(), m.path("mountPath").asText()));
        assertEquals(hub.path("workingDir").asText() + "/config", mounts.get("config"));
        String certificate = settings.getProperty("quarkus.tls.key-store.pem.0.cert");
        assertTrue(certificate.startsWith(mounts.get("tls") + "/"), certificate);
        Map<String, JsonNode> volumes = new HashMap<>();
        pod.path("volumes").forEach(v -> volumes.put(v.path("name").asText(), v));
        assertEquals("yimatong-hub-tls", volumes.get("tls").at("/secret/secretName").asText());
        assertEquals("yimatong-hub-config", volumes.get("config").at("/configMap/name").asText());
        JsonNode generated = YAML.readTree(ROOT.resolve("base/kustomization.yaml").toFile()).at(
                "/configMapGenerator/0");
        assertEquals("yimatong-hub-config", generated.path("name").asText());
        assertEquals("application.properties", generated.at("/files/0").asText());
    }

    @Test
    void theDatabaseIsAThreeInstanceCloudNativePgClusterWhoseAppSecretTheHubReads() throws IOException {
        Map<String, JsonNode> base = base();
        JsonNode cluster = base.get("Cluster");
        assertEquals("postgresql.cnpg.io/v1", cluster.path("apiVersion").asText());
        assertEquals(3, cluster.at("/spec/instances").asInt());
        String secret = cluster.at("/metadata/name").asText() + "-app";

        Map<String, JsonNode> env = env(base.get("Deployment").at("/spec/template/spec/containers/0"));
        for (Map.Entry<String, String> mapping : Map.of("YMT_DB_URL", "jdbc-uri", "YMT_DB_USER", "username",
                "YMT_DB_PASSWORD", "password").entrySet()) {
            JsonNode ref = env.get(mapping.getKey()).at("/valueFrom/secretKeyRef");
            assertEquals(secret, ref.path("name").asText(), mapping.getKey());
            assertEquals(mapping.getValue(), ref.path("key").asText(), mapping.getKey());
        }
        for (String shared : List.of("YMT_KEYS_MASTER_KEY", "YMT_TOKENS_PAIRWISE_SECRET", "YMT_ADMIN_TOKEN")) {
            assertFalse(env.get(shared).at("/valueFrom/secretKeyRef/name").asText().isEmpty(),
                    shared + " comes from a secret all instances share");
        }
    }

    @Test
    void eachOverlayNamesItsHubAndARegionalHubItsParent() throws IOException {
        Map<String, JsonNode> national = env(patchedContainer("national"));
        assertEquals("ymt:hub:national", national.get("YMT_HUB_ENTITY_ID").path("value").asText());
        assertTrue(national.get("YMT_HUB_PUBLIC_URL").path("value").asText().startsWith("https://"));
        assertFalse(national.containsKey("YMT_HUB_PARENT_URL"), "the national hub is the root");

        Map<String, JsonNode> regional = env(patchedContainer("regional"));
        assertTrue(regional.get("YMT_HUB_ENTITY_ID").path("value").asText().startsWith("ymt:hub:"));
        assertEquals("ymt:hub:national", regional.get("YMT_HUB_PARENT_ENTITY_ID").path("value").asText());
        assertEquals(national.get("YMT_HUB_PUBLIC_URL").path("value").asText(),
                regional.get("YMT_HUB_PARENT_URL").path("value").asText());
        for (String overlay : List.of("national", "regional")) {
            JsonNode kustomization = YAML.readTree(ROOT.resolve("overlays/" + overlay + "/kustomization.yaml")
                    .toFile());
            assertEquals("../../base", kustomization.at("/resources/0").asText(), overlay);
            assertFalse(kustomization.path("namespace").asText().isEmpty(), overlay + " has a namespace of its own");
        }
    }

    /** The base's resources by kind. */
    private static Map<String, JsonNode> base() throws IOException {
        Path dir = ROOT.resolve("base");
        Map<String, JsonNode> byKind = new HashMap<>();
        for (JsonNode resource : YAML.readTree(dir.resolve("kustomization.yaml").toFile()).path("resources")) {
            JsonNode doc = YAML.readTree(dir.resolve(resource.asText()).toFile());
            byKind.put(doc.path("kind").asText(), doc);
        }
        return byKind;
    }

    private static JsonNode patchedContainer(String overlay) throws IOException {
        Path dir = ROOT.resolve("overlays").resolve(overlay);
        JsonNode kustomization = YAML.readTree(dir.resolve("kustomization.yaml").toFile());
        JsonNode patch = YAML.readTree(dir.resolve(kustomization.at("/patches/0/path").asText()).toFile());
        assertEquals("Deployment", patch.path("kind").asText());
        return patch.at("/spec/template/spec/containers/0");
    }

    private static Map<String, JsonNode> env(JsonNode container) {
        Map<String, JsonNode> env = new HashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e));
        return env;
    }

    /** hub/jvm.options as one line: its options without the comments. */
    private static String jvmOptions() throws IOException {
        List<String> options = new ArrayList<>();
        for (String line : Files.readAllLines(REPO.resolve("hub/jvm.options"))) {
            String option = line.replaceAll("#.*", "").trim();
            if (!option.isEmpty()) {
                options.add(option);
            }
        }
        return options.stream().collect(Collectors.joining(" "));
    }

    private static long mebibytes(String quantity) {
        if (quantity.endsWith("Gi")) {
            return Long.parseLong(quantity.substring(0, quantity.length() - 2)) * 1024;
        }
        assertTrue(quantity.endsWith("Mi"), "memory in Mi or Gi: " + quantity);
        return Long.parseLong(quantity.substring(0, quantity.length() - 2));
    }
}
