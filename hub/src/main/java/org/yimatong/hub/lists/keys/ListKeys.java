package org.yimatong.hub.lists.keys;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.yimatong.hub.keys.SealedKeyVault;
import org.yimatong.hub.keys.SealedKeyVault.Sealed;
import org.yimatong.schemas.payload.ListKey;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.core.buffer.Buffer;

/**
 * The HMAC-SM3 pseudonym key of each epoch, a calendar month in UTC (REQ-LIST-1). A key is drawn at random the
 * first time its epoch is asked for, sealed with the hub's master key and stored; every hub instance then reads
 * the same one (the first insert wins). Members may fetch the current epoch and the previous one, for the
 * changeover.
 */
@ApplicationScoped
public class ListKeys {

    private static final DateTimeFormatter EPOCH = DateTimeFormatter.ofPattern("uuuu-MM");

    private final Pool pool;
    private final SealedKeyVault vault;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ListKeys(Pool pool, SealedKeyVault vault, Clock clock) {
        this.pool = pool;
        this.vault = vault;
        this.clock = clock;
    }

    public String currentEpoch() {
        return YearMonth.now(clock.withZone(ZoneOffset.UTC)).format(EPOCH);
    }

    /** The key of {@code epoch} if it is the current or the previous one; empty for any other epoch. */
    public Uni<Optional<ListKey>> key(String epoch) {
        YearMonth current = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        YearMonth wanted = YearMonth.parse(epoch, EPOCH);
        if (!wanted.equals(current) && !wanted.equals(current.minusMonths(1))) {
            return Uni.createFrom().item(Optional.empty());
        }
        Instant from = wanted.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant until = wanted.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        byte[] fresh = new byte[32];
        random.nextBytes(fresh);
        Sealed sealed = vault.seal(fresh, keyId(epoch));
        return pool.preparedQuery("insert into list_key (epoch, nonce, sealed, valid_from, valid_until)"
                + " values ($1, $2, $3, $4, $5) on conflict (epoch) do nothing")
                .execute(Tuple.of(epoch, Buffer.buffer(sealed.nonce()), Buffer.buffer(sealed.ciphertext()),
                        from.atOffset(ZoneOffset.UTC), until.atOffset(ZoneOffset.UTC)))
                .flatMap(inserted -> pool.preparedQuery("select nonce, sealed from list_key where epoch = $1")
                        .execute(Tuple.of(epoch)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    byte[] key = vault.open(new Sealed(row.getBuffer("nonce").getBytes(),
                            row.getBuffer("sealed").getBytes()), keyId(epoch));
                    return Optional.of(new ListKey(epoch, ListKey.ALG,
                            Base64.getUrlEncoder().withoutPadding().encodeToString(key), from, until));
                });
    }

    private static String keyId(String epoch) {
        return "list-key:" + epoch;
    }

}
