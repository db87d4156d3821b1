package org.yimatong.deploy.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every process of the federation: started with its output in a log file under the work folder, waited for until
 * ready, and stopped (politely, then by force, children included) when the federation closes.
 */
final class Processes implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:[0-9]+)");
    private static final Pattern ADMIN = Pattern.compile("admin on (http://127\\.0\\.0\\.1:[0-9]+)");
    /** Quarkus says where it listens once started; with port 0 that is the port it was given. */
    private static final Pattern QUARKUS_LISTENING = Pattern.compile("Listening on: (http://127\\.0\\.0\\.1:[0-9]+)");
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    /** Residents of each simulated platform. */
    static final int RESIDENTS = 100;

    /**
     * A hub as started: its entity id, the URL this instance listens at, its public URL (its OAuth issuer, the
     * {@code iss} of its tokens: the instance's own URL, or the one several instances share), and its log.
     */
    record Hub(String entityId, URI url, URI issuer, Path log, Process process) {}

    /** A department's service as started: its URL, client id at its hub, and log. */
    record Department(String clientId, URI url, Path log) {}

    /** A simulator as started: member API, admin listener, private key file, population seed and log. */
    record Simulator(String region, URI url, URI admin, Path keyFile, long seed, Path log) {

        String entityId() {
            return "ymt:member:" + region;
        }
    }

    private final Path repo;
    private final Path work;
    private final Duration startTimeout;
    private final String hubJavaOptions;
    private final List<Process> started = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Processes(Path repo, Path work, Duration startTimeout, String hubJavaOptions) {
        this.repo = repo;
        this.work = work;
        this.startTimeout = startTimeout;
        this.hubJavaOptions = hubJavaOptions;
    }

    Path hubJar() {
        return repo.resolve("hub/target/quarkus-app/quarkus-run.jar");
    }

    Path simulatorJar() {
        return repo.resolve("province-adapters/simulator/target/ymt-member-simulator.jar");
    }

    Path departmentJar() {
        return repo.resolve("deploy/department-example/target/quarkus-app/quarkus-run.jar");
    }

    /**
     * Starts the department example as the department {@code clientId} of {@code hub}: it accepts that hub's access
     * tokens meant for {@code clientId}, verified with the hub's {@code /v1/jwks}, and answers once listening.
     */
    Department startDepartment(String clientId, Hub hub) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(java(), "-Xmx96m", "-Dquarkus.http.host=127.0.0.1", "-jar",
                departmentJar().toString());
        builder.environment().put("DEPARTMENT_HTTP_PORT", "0");
        builder.environment().put("DEPARTMENT_HUB_URL", hub.url().toString());
        // the hub's OAuth issuer: its public URL (YMT_HUB_PUBLIC_URL), the iss of its tokens
        builder.environment().put("DEPARTMENT_HUB_ISSUER", hub.issuer().toString());
        builder.environment().put("DEPARTMENT_CLIENT_ID", clientId);
        Path log = work.resolve("department-" + clientId.replaceAll("[^A-Za-z0-9]", "-") + ".log");
        Process process = start(builder, log);
        return new Department(clientId, URI.create(awaitLine(log, QUARKUS_LISTENING, process)), log);
    }

    /** Starts a hub on a free port with its own home folder (and so its own embedded PostgreSQL). */
    Hub startHub(String name, String entityId, Optional<Hub> parent, String adminToken, List<String> properties)
            throws IOException {
        Map<String, String> env = new java.util.HashMap<>();
        parent.ifPresent(p -> {
            env.put("YMT_HUB_PARENT_ENTITY_ID", p.entityId());
            env.put("YMT_HUB_PARENT_URL", p.url().toString());
        });
        return startHub(name, entityId, Files.createDirectories(work.resolve(name).resolve("home")), env, adminToken,
                properties);
    }

    /**
     * Starts a hub on a free port with {@code home} as its {@code YMT_HOME} and {@code env} besides, with the JVM
     * options the README's run command uses ({@code hub/jvm.options}).
     */
    Hub startHub(String name, String entityId, Path home, Map<String, String> env, String adminToken,
            List<String> properties) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(java(), "@" + repo.resolve("hub/jvm.options")));
        if (!hubJavaOptions.isBlank()) {
            command.addAll(List.of(hubJavaOptions.trim().split("\\s+")));
        }
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.addAll(properties);
        command.addAll(List.of("-jar", hubJar().toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        builder.environment().put("YMT_HOME", home.toString());
        builder.environment().put("YMT_HTTP_PORT", String.valueOf(port));
        builder.environment().put("YMT_HUB_ENTITY_ID", entityId);
        URI url = URI.create("http://127.0.0.1:" + port);
        // several instances of one hub share the issuer their load balancer would give them; one alone is its own
        String issuer = env.getOrDefault("YMT_HUB_PUBLIC_URL", url.toString());
        builder.environment().put("YMT_HUB_PUBLIC_URL", issuer);
        builder.environment().put("YMT_ADMIN_TOKEN", adminToken);
        Path log = work.resolve(name).resolve("hub.log");
        return new Hub(entityId, url, URI.create(issuer), log, start(builder, log));
    }

    /** Waits until the hub's health check says UP. */
    void awaitHealthy(Hub hub) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(startTimeout);
        HttpRequest health = HttpRequest.newBuilder(hub.url().resolve("/q/health")).timeout(Duration.ofSeconds(2))
                .build();
        while (Instant.now().isBefore(deadline)) {
            if (!hub.process().isAlive()) {
                throw new IOException("hub " + hub.entityId() + " exited; see " + hub.log());
            }
            try {
                HttpResponse<String> answer = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && answer.body().matches("(?s).*\"status\"\\s*:\\s*\"UP\".*")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IOException("hub " + hub.entityId() + " not UP after " + startTimeout.toSeconds() + " s; see " + hub
                .log());
    }

    /**
     * Starts a member simulator for {@code region} under {@code hub}, with a key file and a population seed of its
     * own (as independent platforms are): its list key is the federation's, fetched from {@code hub} when first
     * needed, never derived from anything the simulators share.
     */
    Simulator startSimulator(String region, Hub hub, String... extra) throws IOException, InterruptedException {
        Path keyFile = work.resolve("sim-" + region + ".jwk.json");
        long seed = new java.security.SecureRandom().nextLong();
        List<String> command = new ArrayList<>(List.of(java(), "-jar", simulatorJar().toString(), "--region", region,
                "--port", "0", "--admin-port", "0", "--alg", "SM2", "--hub-id", hub.entityId(), "--hub-url",
                hub.url().toString(), "--key-file", keyFile.toString(), "--residents", String.valueOf(RESIDENTS),
                "--seed", Long.toString(seed), "--list-key", "hub", "--require-client-assertion"));
        command.addAll(List.of(extra));
        Path log = work.resolve("sim-" + region + ".log");
        Process process = start(new ProcessBuilder(command), log);
        URI url = URI.create(awaitLine(log, LISTENING, process));
        URI admin = URI.create(awaitLine(log, ADMIN, process));
        return new Simulator(region, url, admin, keyFile, seed, log);
    }

    private Process start(ProcessBuilder builder, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private String awaitLine(Path log, Pattern pattern, Process process) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(startTimeout);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(log)) {
                Matcher m = pattern.matcher(Files.readString(log));
                if (m.find()) {
                    return m.group(1);
                }
            }
            if (!process.isAlive()) {
                throw new IOException("process exited; see " + log);
            }
            Thread.sleep(200);
        }
        throw new IOException("no /" + pattern + "/ in " + log + " after " + startTimeout.toSeconds() + " s");
    }

    /** Stops one hub (SIGTERM, then by force), as when its machine goes away; the others keep running. */
    void stop(Hub hub) throws InterruptedException {
        hub.process().destroy();
        if (!hub.process().waitFor(STOP_GRACE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
            hub.process().descendants().forEach(ProcessHandle::destroyForcibly);
            hub.process().destroyForcibly();
        }
    }

    /** Stops everything started here: SIGTERM first (the hubs stop their PostgreSQL), then by force. */
    @Override
    public void close() {
        started.forEach(Process::destroy);
        Instant deadline = Instant.now().plus(STOP_GRACE);
        for (Process process : started) {
            try {
                long left = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
                process.waitFor(left, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    int count() {
        return started.size();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
