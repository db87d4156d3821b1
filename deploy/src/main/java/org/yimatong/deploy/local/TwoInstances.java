package org.yimatong.deploy.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yimatong.deploy.local.Processes.Hub;

/**
 * One hub run as two instances on one PostgreSQL, on this machine: instance {@code a} starts the embedded PostgreSQL
 * in the shared home folder, instance {@code b} joins it through {@code YMT_DB_URL}; both read the same secrets
 * from the home folder (master key, admin token), so they are one hub with two addresses. What one instance
 * learns (a suspension, a revocation, a list change) the other learns from PostgreSQL.
 *
 * <p>Usage: {@code java -cp <this jar>:<hub/target/quarkus-app/lib/main/*> org.yimatong.deploy.local.TwoInstances
 * [--repo DIR] [--work DIR] [--hub-id ID]}, or {@code deploy/local/two-instances.sh}; runs until stopped (Ctrl-C).
 */
public final class TwoInstances implements AutoCloseable {

    private final Processes processes;
    private final Path work;
    private Hub first;
    private Hub second;
    private String adminToken;
    private List<String> properties = List.of();

    TwoInstances(Path repo, Path work, Duration startTimeout) {
        this.work = work;
        this.processes = new Processes(repo, work, startTimeout, "");
    }

    /** Starts both instances of hub {@code hubId} and waits until each is healthy. */
    void start(String hubId, String adminToken) throws IOException, InterruptedException {
        start(hubId, adminToken, List.of());
    }

    /** The same, each instance with the system {@code properties} ({@code -Dname=value}) besides. */
    void start(String hubId, String adminToken, List<String> properties) throws IOException, InterruptedException {
        this.adminToken = adminToken;
        this.properties = properties;
        Path home = Files.createDirectories(work.resolve("home"));
        first = processes.startHub("a", hubId, home, Map.of(), adminToken, properties);
        processes.awaitHealthy(first);
        second = processes.startHub("b", hubId, home, joining(home), adminToken, properties);
        processes.awaitHealthy(second);
    }

    /** Starts one more instance of the same hub on the same PostgreSQL (a restart, or a third), waiting until healthy. */
    Hub startAnother(String name) throws IOException, InterruptedException {
        Path home = work.resolve("home");
        Hub another = processes.startHub(name, first.entityId(), home, joining(home), adminToken, properties);
        processes.awaitHealthy(another);
        return another;
    }

    /**
     * What another instance needs to be the same hub: the first one's database, and the first one's public URL as
     * the issuer of its tokens (the address a load balancer in front of them would have), so a session one instance
     * issued is good at every other.
     */
    private Map<String, String> joining(Path home) throws IOException {
        return Map.of(
                "YMT_DB_URL", "jdbc:postgresql://127.0.0.1:" + embeddedPort(home) + "/postgres",
                "YMT_DB_USER", "postgres",
                "YMT_DB_PASSWORD", Files.readString(home.resolve("db-password"), StandardCharsets.US_ASCII).trim(),
                "YMT_HUB_PUBLIC_URL", first.issuer().toString());
    }

    Hub first() {
        return first;
    }

    Hub second() {
        return second;
    }

    /** The port of the embedded PostgreSQL: the fourth line of its {@code postmaster.pid}. */
    private static int embeddedPort(Path home) throws IOException {
        List<String> lines = Files.readAllLines(home.resolve("pgdata/postmaster.pid"), StandardCharsets.US_ASCII);
        return Integer.parseInt(lines.get(3).trim());
    }

    @Override
    public void close() {
        processes.close();
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(".");
        Path work = Path.of("deploy/target/two-instances");
        String hubId = "ymt:hub:national";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--repo" -> repo = Path.of(args[i + 1]);
                case "--work" -> work = Path.of(args[i + 1]);
                case "--hub-id" -> hubId = args[i + 1];
                default -> {
                    System.err.println("usage: TwoInstances [--repo DIR] [--work DIR] [--hub-id ID]");
                    System.exit(2);
                }
            }
        }
        PrintStream out = System.out;
        TwoInstances instances = new TwoInstances(repo.toAbsolutePath().normalize(), work.toAbsolutePath().normalize(),
                Duration.ofSeconds(180));
        Runtime.getRuntime().addShutdownHook(new Thread(instances::close));
        Path home = work.toAbsolutePath().resolve("home");
        String adminToken = Optional.ofNullable(System.getenv("YMT_ADMIN_TOKEN"))
                .orElseGet(() -> "local-" + Long.toHexString(new java.security.SecureRandom().nextLong()));
        instances.start(hubId, adminToken);
        out.println("hub " + hubId + ", two instances on one PostgreSQL (data and secrets in " + home + "):");
        out.println("  a: " + instances.first().url() + "  (log " + instances.first().log() + ")");
        out.println("  b: " + instances.second().url() + "  (log " + instances.second().log() + ")");
        out.println("  admin token: " + adminToken + " (Authorization: Bearer ...)");
        out.println("Ctrl-C stops both.");
        Thread.currentThread().join();
    }
}
