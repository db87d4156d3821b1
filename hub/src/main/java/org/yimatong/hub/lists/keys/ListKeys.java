package org.yimatong.hub.lists.keys;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.yimatong.hub.keys.SealedKeyVault;
import org.yimatong.hub.keys.SealedKeyVault.Sealed;
import org.yimatong.hub.lists.ListsConfig;
import org.yimatong.hub.lists.ParentLists;
import org.yimatong.schemas.payload.ListKey;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The HMAC-SM3 pseudonym key of each epoch, a calendar month in UTC: one key for the whole federation
 * (REQ-LIST-11). The root hub alone draws it, the first time its epoch is asked for; every other hub fetches it
 * from its parent (authenticated as the parent's member), so the same person has the same pseudonym at every hub
 * and every platform. Either way the key is sealed with this hub's master key and stored, so every instance reads
 * the same one (the first insert wins) and a restarted hub does not need its parent. The previous epoch is served
 * for the changeover, and the next one from {@code ymt.lists.next-key-lead} before it starts, so batches and
 * lookups can switch at midnight.
 */
@ApplicationScoped
public class ListKeys {

    private static final DateTimeFormatter EPOCH = DateTimeFormatter.ofPattern("uuuu-MM");
    private static final int KEY_BYTES = 32;

    private final Pool pool;
    private final SealedKeyVault vault;
    private final Clock clock;
    private final ParentLists parent;
    private final Duration nextKeyLead;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, ListKey> opened = new ConcurrentHashMap<>();

    public ListKeys(Pool pool, SealedKeyVault vault, Clock clock, ParentLists parent, ListsConfig config) {
        this.pool = pool;
        this.vault = vault;
        this.clock = clock;
        this.parent = parent;
        this.nextKeyLead = config.nextKeyLead();
    }

    public String currentEpoch() {
        return YearMonth.now(clock.withZone(ZoneOffset.UTC)).format(EPOCH);
    }

    /** Whether {@code epoch} is one whose key is handed out now: the previous, the current, or a starting one. */
    public boolean isServed(String epoch) {
        YearMonth current = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        YearMonth wanted = YearMonth.parse(epoch, EPOCH);
        if (wanted.equals(current) || wanted.equals(current.minusMonths(1))) {
            return true;
        }
        return wanted.equals(current.plusMonths(1)) && !clock.instant().isBefore(start(wanted).minus(nextKeyLead));
    }

    /**
     * The key of {@code epoch} if it is served now ({@link #isServed}); empty for any other epoch.
     *
     * @return a failed {@code Uni} ({@code MemberUnavailableException}, ...) when this hub has not stored the key yet
     *     and its parent cannot give it
     */
    public Uni<Optional<ListKey>> key(String epoch) {
        if (!isServed(epoch)) {
            return Uni.createFrom().item(Optional.empty());
        }
        ListKey known = opened.get(epoch);
        if (known != null) {
            return Uni.createFrom().item(Optional.of(known));
        }
        return stored(epoch).flatMap(stored -> stored.isPresent()
                ? Uni.createFrom().item(stored.get())
                : obtain(epoch).flatMap(key -> store(epoch, key)).flatMap(inserted -> stored(epoch)
                        .map(Optional::orElseThrow)))
                .map(key -> {
                    opened.put(epoch, key);
                    return Optional.of(key);
                });
    }

    /** The raw key bytes of {@code epoch} (for adapters that pseudonymise), or a failure as {@link #key}. */
    public Uni<byte[]> keyBytes(String epoch) {
        return key(epoch).map(key -> Base64.getUrlDecoder().decode(key.orElseThrow(
                () -> new IllegalArgumentException("the list key of " + epoch + " is not served now")).key()));
    }

    /** Drawn here at the root; fetched from the parent anywhere else. */
    private Uni<byte[]> obtain(String epoch) {
        if (!parent.present()) {
            byte[] fresh = new byte[KEY_BYTES];
            random.nextBytes(fresh);
            return Uni.createFrom().item(fresh);
        }
        return parent.listKey(epoch).map(key -> {
            byte[] bytes = key.key() == null ? new byte[0] : Base64.getUrlDecoder().decode(key.key());
            if (!epoch.equals(key.epoch()) || !ListKey.ALG.equals(key.alg()) || bytes.length != KEY_BYTES) {
                throw new IllegalStateException("the parent hub answered a list key that is not the " + epoch
                        + " key (" + key + ")");
            }
            return bytes;
        });
    }

    private Uni<Void> store(String epoch, byte[] key) {
        YearMonth month = YearMonth.parse(epoch, EPOCH);
        Sealed sealed = vault.seal(key, keyId(epoch));
        return pool.preparedQuery("insert into list_key (epoch, nonce, sealed, valid_from, valid_until)"
                + " values ($1, $2, $3, $4, $5) on conflict (epoch) do nothing")
                .execute(Tuple.of(epoch, Buffer.buffer(sealed.nonce()), Buffer.buffer(sealed.ciphertext()),
                        start(month).atOffset(ZoneOffset.UTC), start(month.plusMonths(1)).atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    private Uni<Optional<ListKey>> stored(String epoch) {
        return pool.preparedQuery("select nonce, sealed, valid_from, valid_until from list_key where epoch = $1")
                .execute(Tuple.of(epoch))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    byte[] key = vault.open(new Sealed(row.getBuffer("nonce").getBytes(),
                            row.getBuffer("sealed").getBytes()), keyId(epoch));
                    return Optional.of(new ListKey(epoch, ListKey.ALG,
                            Base64.getUrlEncoder().withoutPadding().encodeToString(key),
                            row.getOffsetDateTime("valid_from").toInstant(),
                            row.getOffsetDateTime("valid_until").toInstant()));
                });
    }

    private static Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    private static String keyId(String epoch) {
        return "list-key:" + epoch;
    }
}
