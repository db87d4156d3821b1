package org.yimatong.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.yimatong.schemas.code.CodeClaims;
import org.yimatong.schemas.code.DynamicCodeCodec;
import org.yimatong.schemas.crypto.Base64Url;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkFiles;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.dictionary.LevelOfAssurance;
import org.yimatong.schemas.idnumber.ResidentIdNumber;
import org.yimatong.schemas.jose.JwsSigner;
import org.yimatong.schemas.payload.ListKey;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

/**
 * A running member simulator: the member-API listener on 127.0.0.1 (closed while the {@code down} fault is on),
 * an optional admin listener for the simulator-only paths, the residents, the signing key and the faults.
 * Start with {@link #start}; {@link #close} stops every thread it started.
 */
public final class MemberSimulator implements AutoCloseable {

    /** Lifetime of a dynamic code: one minute, renewed by asking again (DESIGN.md §5). */
    public static final Duration CODE_LIFETIME = DynamicCodeCodec.MAX_LIFETIME;
    /** Lifetime of an ID token from the login service. */
    public static final Duration ID_TOKEN_LIFETIME = Duration.ofMinutes(10);
    /** How long a fetch of the hub's list key may take: it runs while a verification waits. */
    static final Duration LIST_KEY_FETCH_TIMEOUT = Duration.ofSeconds(3);

    private final SimulatorOptions options;
    private final Clock clock;
    private final Jwk key;
    private final JwkSet keySet;
    private final Population population;
    private final Optional<HubClient> hub;
    private final AtomicReference<Faults> faults;
    /** The list key of {@code random} or a given key; {@code null} with the hub's. */
    private final byte[] ownListKey;
    private final AtomicReference<ListKey> hubListKey = new AtomicReference<>();
    private final AtomicInteger appeals = new AtomicInteger();
    private final AtomicInteger notifications = new AtomicInteger();
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
    private final Http.Router memberRouter;
    private final Http.Router adminRouter;
    private final HubAssertions hubAssertions;
    private final Object listenerLock = new Object();
    private volatile HttpServer listener;
    private volatile HttpServer adminListener;
    private volatile int port;

    private MemberSimulator(SimulatorOptions options, Clock clock, Jwk key) throws IOException {
        this.options = options;
        this.clock = clock;
        this.key = key;
        this.keySet = new JwkSet(List.of(key)).publicOnly();
        this.ownListKey = ownListKey(options.listKey());
        this.population = Population.generate(options.entityId(), options.region(), options.residents(),
                options.seed(), Population.chinaDay(clock.instant()));
        this.hub = options.hubUrl().map(url -> new HubClient(url, options.hubId(), options.entityId(), key, clock));
        this.faults = new AtomicReference<>(options.faults());
        this.workers = Executors.newFixedThreadPool(8, daemon("ymt-sim-http"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("ymt-sim-schedule"));
        this.hubAssertions = options.requireClientAssertion() ? new HubAssertions(options, clock, hub) : null;
        Http.Routes routes = new Http.Routes();
        new MemberApi(this).register(routes);
        new SimulatorPaths(this).register(routes);
        this.memberRouter = new Http.Router(routes.all(), faults::get);
        this.adminRouter = new Http.Router(routes.simulatorOnly(), faults::get);
    }

    /**
     * Starts a simulator: the member-API listener on {@code options.port()} (unless started {@code down}; the port
     * is bound once anyway, so it is known), the admin listener, and the daily publication if asked for.
     */
    public static MemberSimulator start(SimulatorOptions options) throws IOException {
        return start(options, Clock.systemUTC());
    }

    public static MemberSimulator start(SimulatorOptions options, Clock clock) throws IOException {
        Jwk key = options.keyFile() == null ? Jwk.generate(options.profile())
                : JwkFiles.loadOrCreate(options.keyFile(), options.profile());
        MemberSimulator simulator = new MemberSimulator(options, clock, key);
        try {
            simulator.open();
        } catch (IOException | RuntimeException e) {
            simulator.close();
            throw e;
        }
        return simulator;
    }

    private void open() throws IOException {
        synchronized (listenerLock) {
            HttpServer server = bind(options.port(), memberRouter);
            port = server.getAddress().getPort();
            if (faults.get().down()) {
                server.stop(0);
            } else {
                listener = server;
            }
        }
        if (options.adminPort() >= 0) {
            adminListener = bind(options.adminPort(), adminRouter);
        }
        if (!options.publish().equals("none")) {
            scheduler.execute(this::publishQuietly);
            scheduleNextMidnight();
        }
    }

    private HttpServer bind(int wanted, Http.Router router) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted), 64);
        server.createContext("/", router);
        server.setExecutor(workers);
        server.start();
        return server;
    }

    // ------------------------------------------------------------------ what the simulator is

    public String entityId() {
        return options.entityId();
    }

    public SimulatorOptions options() {
        return options;
    }

    /** The member-API port (kept while down). */
    public int port() {
        return port;
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The admin listener's port, or -1 without one. */
    public int adminPort() {
        HttpServer admin = adminListener;
        return admin == null ? -1 : admin.getAddress().getPort();
    }

    public Population population() {
        return population;
    }

    /** The published key set (public parts only). */
    public JwkSet keySet() {
        return keySet;
    }

    Jwk signingKey() {
        return key;
    }

    Clock clock() {
        return clock;
    }

    Optional<HubAssertions> hubAssertions() {
        return Optional.ofNullable(hubAssertions);
    }

    int nextAppealNumber() {
        return appeals.incrementAndGet();
    }

    void noteListChanges() {
        notifications.incrementAndGet();
    }

    /** How many list-change notifications arrived at {@code /member/v1/list-changes}. */
    public int listChangeNotifications() {
        return notifications.get();
    }

    // ------------------------------------------------------------------ faults

    public Faults faults() {
        return faults.get();
    }

    /** Sets the faults; turning {@code down} on closes the member-API listener, turning it off opens it again. */
    public void setFaults(Faults newFaults) {
        synchronized (listenerLock) {
            faults.set(newFaults);
            applyListenerState();
        }
    }

    void applyListenerState() {
        synchronized (listenerLock) {
            boolean down = faults.get().down();
            if (down && listener != null) {
                // not listening from before the socket closes: whoever meets a refused connection sees it so
                HttpServer closing = listener;
                listener = null;
                closing.stop(0);
            } else if (!down && listener == null && !workers.isShutdown()) {
                try {
                    listener = bind(port, memberRouter);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot listen on port " + port + " again", e);
                }
            }
        }
    }

    /** Whether the member-API listener is open. */
    public boolean listening() {
        return listener != null;
    }

    // ------------------------------------------------------------------ codes and tokens

    /** A fresh code of resident {@code n}, issued now. */
    public String code(int n) {
        return code(n, clock.instant());
    }

    /** A code of resident {@code n} issued at {@code issuedAt}, living one minute; signed with the resident's colour. */
    public String code(int n, Instant issuedAt) {
        Resident resident = resident(n);
        Instant iat = issuedAt.truncatedTo(ChronoUnit.SECONDS);
        CodeClaims claims = new CodeClaims(entityId(), resident.codeSubject(), DynamicCodeCodec.newJti(),
                resident.colour(), options.region(), iat, iat.plus(CODE_LIFETIME));
        return new DynamicCodeCodec().encode(claims, key);
    }

    /**
     * An ID token of the login service: a JWS ({@code typ} JWT) with {@code iss} this member, {@code sub} the
     * resident's issuer-scoped subject, {@code aud}, {@code acr = urn:ymt:loa:<level>}, {@code auth_time},
     * {@code iat}, {@code exp} (10 minutes) and a random {@code jti}.
     */
    public String idToken(int n, LevelOfAssurance level, String audience) {
        Resident resident = resident(n);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        claims.put("iss", entityId());
        claims.put("sub", resident.codeSubject());
        claims.put("aud", audience);
        claims.put("acr", level.uri());
        claims.put("auth_time", now.getEpochSecond());
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(ID_TOKEN_LIFETIME).getEpochSecond());
        claims.put("jti", DynamicCodeCodec.newJti());
        return JwsSigner.sign(key, "JWT", claims.toString().getBytes(StandardCharsets.UTF_8));
    }

    Resident resident(int n) {
        return population.byNumber(n).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "No resident " + n + " (1.." + population.size() + ")"));
    }

    // ------------------------------------------------------------------ lists

    /**
     * The list key of the current epoch: the one drawn at start ({@code random}), the one given, or the hub's
     * ({@code hub}): fetched at the first need (never at start: a simulator runs before it is registered at its
     * hub), fetched again at the next need after a failure, and again once its {@code validUntil} has passed.
     * Concurrent needs share one fetch.
     *
     * @throws ProblemException 503 {@code overloaded} when the hub cannot give it now
     */
    public byte[] listKey() {
        if (ownListKey != null) {
            return ownListKey.clone();
        }
        ListKey current = hubListKey.get();
        if (!usable(current)) {
            synchronized (hubListKey) {
                current = hubListKey.get();
                if (!usable(current)) {
                    current = fetchHubListKey();
                    hubListKey.set(current);
                }
            }
        }
        return Base64Url.decode(current.key());
    }

    /**
     * The list key for one answer, or empty (with one line on standard error) when it cannot be had now: an answer
     * then goes out without the list pseudonym rather than failing.
     */
    Optional<byte[]> listKeyFor(String what) {
        try {
            return Optional.of(listKey());
        } catch (ProblemException e) {
            System.err.println("simulator " + entityId() + ": " + what + " answered without listSub: "
                    + e.getMessage());
            return Optional.empty();
        }
    }

    private boolean usable(ListKey key) {
        return key != null && clock.instant().isBefore(key.validUntil());
    }

    private ListKey fetchHubListKey() {
        try {
            return hub.orElseThrow().listKey(LIST_KEY_FETCH_TIMEOUT);
        } catch (IOException e) {
            throw new ProblemException(ProblemType.OVERLOADED, "The hub's list key is not available ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(ProblemType.OVERLOADED, "Interrupted while fetching the list key", e);
        }
    }

    private static byte[] ownListKey(String spec) {
        if (spec.equals(SimulatorOptions.HUB)) {
            return null;
        }
        if (spec.equals(SimulatorOptions.RANDOM)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            return key;
        }
        return Base64Url.decode(spec);
    }

    /** What one publication did. */
    public record Publication(ListPublication.Batch pushed, Optional<HubClient.Upload> hubAnswer,
            Optional<Path> droppedFile) {}

    /** The epoch of the hub's list key in use; empty for a key of the simulator's own (the hub assumes its current). */
    private Optional<String> listKeyEpoch() {
        return ownListKey != null ? Optional.empty() : Optional.ofNullable(hubListKey.get()).map(ListKey::epoch);
    }

    /**
     * Builds the list of {@code day} and sends it: {@code hub} (push), {@code inbox} (file drop), {@code both}, or
     * {@code none} (built and signed only).
     */
    public Publication publish(String to, LocalDate day) throws IOException, InterruptedException {
        byte[] listKey = listKey();
        ListPublication.Batch batch = ListPublication.build(population, listKey, entityId(), options.region(), key,
                day, null);
        Optional<HubClient.Upload> answer = Optional.empty();
        Optional<Path> file = Optional.empty();
        if (to.equals("hub") || to.equals("both")) {
            HubClient client = hub.orElseThrow(() -> new ProblemException(ProblemType.CONFLICT,
                    "Started without --hub-url: nowhere to push"));
            answer = Optional.of(client.upload(batch, listKeyEpoch()));
        }
        if (to.equals("inbox") || to.equals("both")) {
            Path inbox = options.inbox().orElseThrow(() -> new ProblemException(ProblemType.CONFLICT,
                    "Started without --inbox: nowhere to drop"));
            ListPublication.Batch dated = ListPublication.build(population, listKey, entityId(), options.region(),
                    key, day, day.toString());
            file = Optional.of(ListPublication.drop(dated, inbox, entityId()));
        }
        return new Publication(batch, answer, file);
    }

    private void publishQuietly() {
        try {
            Publication p = publish(options.publish(), Population.chinaDay(clock.instant()));
            System.out.println("simulator " + entityId() + " published " + p.pushed().manifest().count()
                    + " entries for " + p.pushed().manifest().day()
                    + p.hubAnswer().map(a -> ", hub answered " + a.status()).orElse("")
                    + p.droppedFile().map(f -> ", dropped " + f.getFileName()).orElse(""));
        } catch (IOException | RuntimeException e) {
            System.err.println("simulator " + entityId() + ": publication failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void scheduleNextMidnight() {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(ResidentIdNumber.CHINA));
        ZonedDateTime midnight = now.toLocalDate().plusDays(1).atStartOfDay(ResidentIdNumber.CHINA);
        long delay = Math.max(1, Duration.between(now, midnight).toMillis());
        scheduler.schedule(() -> {
            publishQuietly();
            scheduleNextMidnight();
        }, delay, TimeUnit.MILLISECONDS);
    }

    // ------------------------------------------------------------------ stop

    @Override
    public void close() {
        synchronized (listenerLock) {
            if (listener != null) {
                listener.stop(0);
                listener = null;
            }
            if (adminListener != null) {
                adminListener.stop(0);
                adminListener = null;
            }
            scheduler.shutdownNow();
            workers.shutdownNow();
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
