package org.yimatong.conformance.counterpart;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;

import org.yimatong.conformance.config.RunConfig;
import org.yimatong.schemas.crypto.Base64Url;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkFiles;
import org.yimatong.schemas.payload.ListKey;
import org.yimatong.schemas.payload.PayloadJson;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * The counterpart of one run: the suite's own identity ({@code counterpart.entityId} of the config, e.g. the hub
 * {@code ymt:hub:yrd} when testing a member) with its key (loaded from {@code counterpart.keyFile} or generated),
 * and the listener where the target's calls arrive, which from the start serves, as a hub does, that identity's key
 * set at {@code GET /v1/jwks} and a list key of the current month at {@code GET /v1/lists/key} (random per run: the
 * suite never computes pseudonyms itself). One per run; closed when the run ends.
 */
public final class Counterpart implements AutoCloseable {

    /** Where the suite's own key set is served, as a hub serves it (DESIGN.md, OpenAPI {@code getJwks}). */
    public static final String JWKS_PATH = "/v1/jwks";
    /** Where a hub hands its members the list key of the epoch (OpenAPI {@code getListKey}). */
    public static final String LIST_KEY_PATH = "/v1/lists/key";

    private final Identity self;
    private final CounterpartServer server;

    public Counterpart(Identity self, CounterpartServer server) {
        this.self = self;
        this.server = server;
        server.answer("GET", JWKS_PATH, 200, "application/jwk-set+json", self.publicKeys().toJson().toString());
        server.answer("GET", LIST_KEY_PATH, 200, "application/json", listKeyOfThisMonth());
    }

    private static String listKeyOfThisMonth() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        YearMonth month = YearMonth.now(ZoneOffset.UTC);
        ListKey listKey = new ListKey(month.toString(), ListKey.ALG, Base64Url.encode(key),
                month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC),
                month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        try {
            return PayloadJson.mapper().writeValueAsString(listKey);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the list key", e);
        }
    }

    /**
     * Loads or makes the identity and starts the listener.
     *
     * @throws IOException if the key file cannot be read or written
     */
    public static Counterpart start(RunConfig config) throws IOException {
        RunConfig.CounterpartSettings settings = config.counterpart();
        Jwk key = settings.keyFile().isPresent()
                ? JwkFiles.loadOrCreate(settings.keyFile().get(), settings.profile())
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
