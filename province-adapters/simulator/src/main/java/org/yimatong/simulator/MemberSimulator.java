package org.yimatong.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkFiles;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.dictionary.LevelOfAssurance;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import com.sun.net.httpserver.HttpServer;

/**
 * A running member simulator: the member-API listener on 127.0.0.1 (closed while the {@code down} fault is on),
 * an optional admin listener for the simulator-only paths, the residents, the signing key and the faults.
 * Start with {@link #start}; {@link #close} stops every thread it started.
 */
public final class MemberSimulator implements AutoCloseable {

    /** Lifetime of a dynamic code without {@code --code-lifetime}: one minute (DESIGN.md §5). */
    public static final Duration CODE_LIFETIME = CodeIssuer.CODE_LIFETIME;
    /** Lifetime of an ID token from the login service. */
    public static final Duration ID_TOKEN_LIFETIME = CodeIssuer.ID_TOKEN_LIFETIME;

    private final SimulatorOptions options;
    private final Clock clock;
    private final Jwk key;
    private final JwkSet keySet;
    private final Population population;
    private final AtomicReference<Faults> faults;
    private final CodeIssuer issuer;
    private final Venues venues;
    private final Optional<NativeCodeBook> nativeCodes;
    private final ListKeys listKeys;
    private final DailyPublication publication;
    private final AtomicInteger appeals = new AtomicInteger();
    private final AtomicInteger notifications = new AtomicInteger();
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
    private final Http.Router memberRouter;
    private final Http.Router adminRouter;
    private final HubAssertions hubAssertions;
    private final Optional<HubClient> hub;
    private final Object listenerLock = new Object();
    private volatile HttpServer listener;
    private volatile HttpServer adminListener;
    private volatile int port;

    private MemberSimulator(SimulatorOptions options, Clock clock, Jwk key) throws IOException {
        this.options = options;
        this.clock = clock;
        this.key = key;
        this.keySet = new JwkSet(List.of(key)).publicOnly();
        this.population = Population.generate(options.entityId(), options.region(), options.residents(),
                options.seed(), clock.instant());
        this.hub = options.hubUrl().map(url -> new HubClient(url, options.hubId(), options.entityId(), key, clock));
        this.issuer = new CodeIssuer(options.entityId(), options.region(), population, key, clock,
                options.codeLifetime());
        this.venues = Venues.create(options, key, clock);
        this.nativeCodes = NativeCodeBook.of(options);
        this.listKeys = new ListKeys(options.listKey(), options.entityId(), hub, clock);
        this.publication = new DailyPublication(options, population, listKeys, key, hub, clock, venues);
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
            publication.scheduleOn(scheduler);
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

    /** A code of resident {@code n} issued at {@code issuedAt}, living {@link #codeLifetime()}; with its colour. */
    public String code(int n, Instant issuedAt) {
        return issuer.code(n, issuedAt);
    }

    /** A relative's code (REQ-CODE-4): resident {@code n}'s own code, held by resident {@code guardian}. */
    public String dependantCode(int n, int guardian, Instant issuedAt) {
        return issuer.code(n, issuedAt, guardian);
    }

    /** How long the codes this platform issues live ({@code --code-lifetime}). */
    public Duration codeLifetime() {
        return issuer.lifetime();
    }

    /** The platform's venues, their codes and the visits they had (DESIGN.md §5a). */
    public Venues venues() {
        return venues;
    }

    /**
     * The native code strings this platform printed (REQ-CODE-2): behind the {@code soap-md5} gateway and as Gansu's
     * platform; empty for any other.
     */
    Optional<NativeCodeBook> nativeCodes() {
        return nativeCodes;
    }

    /** An ID token of the login service for resident {@code n} ({@link CodeIssuer#idToken}). */
    public String idToken(int n, LevelOfAssurance level, String audience) {
        return idToken(n, level, audience, null);
    }

    /**
     * An ID token for resident {@code n} that lets resident {@code guardian} act for them ({@code may_act}), as for
     * the guardian of a relative's code.
     */
    public String idToken(int n, LevelOfAssurance level, String audience, Integer guardian) {
        String listSub = listKeyFor("login").map(key -> issuer.resident(n).idNumber().pseudonym(key)).orElse(null);
        return issuer.idToken(n, level, audience, guardian, listSub);
    }

    /**
     * Who looked at resident {@code n}: this platform's hub's access log of the resident
     * ({@code GET /v1/audit/subjects/{listSub}}, REQ-AUD-3), one page from {@code after}.
     *
     * @throws ProblemException 409 {@code conflict} when the simulator has no hub to ask
     */
    HubClient.AccessLog accessLog(int n, String after) throws IOException, InterruptedException {
        HubClient client = hub.orElseThrow(() -> new ProblemException(ProblemType.CONFLICT,
                "This simulator has no hub (--hub-url): nobody but the hub knows who looked at a resident"));
        String listSub = resident(n).idNumber().pseudonym(listKey());
        return client.subjectAccesses(listSub, after);
    }

    Resident resident(int n) {
        return issuer.resident(n);
    }

    // ------------------------------------------------------------------ lists

    /**
     * The list key of the current epoch ({@link ListKeys}: drawn, given, or the hub's).
     *
     * @throws ProblemException 503 {@code overloaded} when the hub cannot give it now
     */
    public byte[] listKey() {
        return listKeys.current();
    }

    /** The list key for one answer, or empty when it cannot be had now ({@link ListKeys#forAnswer}). */
    Optional<byte[]> listKeyFor(String what) {
        return listKeys.forAnswer(what);
    }

    /** What one publication did. */
    public record Publication(ListPublication.Batch pushed, Optional<HubClient.Upload> hubAnswer,
            Optional<Path> droppedFile) {}

    /**
     * Builds the list of {@code day} and sends it: {@code hub} (push), {@code inbox} (file drop), {@code both}, or
     * {@code none} (built and signed only).
     */
    public Publication publish(String to, LocalDate day) throws IOException, InterruptedException {
        return publication.publish(to, day);
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
