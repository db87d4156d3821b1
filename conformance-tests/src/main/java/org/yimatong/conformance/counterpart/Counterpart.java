package org.yimatong.conformance.counterpart;

import java.io.IOException;
import java.time.Clock;

import org.yimatong.conformance.config.RunConfig;
import org.yimatong.schemas.crypto.Jwk;

/**
 * The counterpart of one run: the suite's own identity ({@code counterpart.entityId} of the config, e.g. the hub
 * {@code ymt:hub:yrd} when testing a member) with its key (loaded from {@code counterpart.keyFile} or generated),
 * and the listener where the target's calls arrive, which serves that identity's key set at {@code /v1/jwks}
 * from the start. One per run; closed when the run ends.
 */
public final class Counterpart implements AutoCloseable {

    /** Where the suite's own key set is served, as a hub serves it (DESIGN.md, OpenAPI {@code getJwks}). */
    public static final String JWKS_PATH = "/v1/jwks";

    private final Identity self;
    private final CounterpartServer server;

    public Counterpart(Identity self, CounterpartServer server) {
        this.self = self;
        this.server = server;
        server.answer("GET", JWKS_PATH, 200, "application/jwk-set+json", self.publicKeys().toJson().toString());
    }

    /**
     * Loads or makes the identity and starts the listener.
     *
     * @throws IOException if the key file cannot be read or written
     */
    public static Counterpart start(RunConfig config) throws IOException {
        RunConfig.CounterpartSettings settings = config.counterpart();
        Jwk key = settings.keyFile().isPresent()
                ? KeyFiles.loadOrCreate(settings.keyFile().get(), settings.profile())
                : Jwk.generate(settings.profile());
        Identity self = new Identity(settings.entityId(), key, Clock.systemUTC());
        return new Counterpart(self, CounterpartServer.start(settings.port()));
    }

    /** The entity the suite is (the hub, when testing a member). */
    public Identity self() {
        return self;
    }

    public CounterpartServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
    }
}
