package dev.veil.gateway.store;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.vault.DurableMvStore;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.h2.mvstore.MVMap;

/**
 * The embedded {@link IdempotencyStore}: answers in one MVStore file (status, time and body, in
 * clear: bodies are ids and error codes), loaded into memory at start. Thread-safe.
 */
public final class MvIdempotencyStore implements IdempotencyStore {

    private final MvFile file;
    private final AnswerBook book;

    private MvIdempotencyStore(MvFile file, Duration retention, Clock clock) {
        this.file = file;
        MVMap<String, byte[]> map = file.map("answers");
        this.book = new AnswerBook(retention, clock, (k, a) -> {
            file.writeDurably(() -> map.put(k, encode(a)));
        }, keys -> {
            file.writeDurably(() -> {
                keys.forEach(map::remove);
                return null;
            });
        });
        file.read(() -> {
            for (Map.Entry<String, byte[]> e : map.entrySet()) {
                book.load(e.getKey(), decode(e.getValue()));
            }
            return null;
        });
    }

    /** Opens (or creates) the store file. */
    public static MvIdempotencyStore open(Path path, Duration retention, Clock clock) {
        requireNonNull(retention, "retention");
        requireNonNull(clock, "clock");
        return open(MvFile.open(path, "idempotency store"), retention, clock);
    }

    /** The store in its map ({@code answers}) of a file shared with the other embedded stores. */
    public static MvIdempotencyStore of(DurableMvStore shared, Duration retention, Clock clock) {
        requireNonNull(retention, "retention");
        requireNonNull(clock, "clock");
        return open(MvFile.shared(shared, "idempotency store"), retention, clock);
    }

    private static MvIdempotencyStore open(MvFile file, Duration retention, Clock clock) {
        try {
            return new MvIdempotencyStore(file, retention, clock);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    @Override
    public Optional<StoredAnswer> find(String brand, String webhookId) {
        String key = IdempotencyStore.key(brand, webhookId);
        // through the file: once a failed commit closed it, an answer that may not be on disk is never given
        return file.read(() -> book.find(key));
    }

    @Override
    public StoredAnswer remember(String brand, String webhookId, StoredAnswer answer) {
        return book.remember(IdempotencyStore.key(brand, webhookId), answer);
    }

    @Override
    public int prune() {
        return book.prune();
    }

    @Override
    public void close() {
        file.close();
    }

    private static byte[] encode(StoredAnswer a) {
        byte[] body = a.body();
        return ByteBuffer.allocate(4 + 8 + 4 + body.length)
                .putInt(a.status()).putLong(a.at().getEpochSecond()).putInt(a.at().getNano()).put(body).array();
    }

    private static StoredAnswer decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int status = b.getInt();
        Instant at = Instant.ofEpochSecond(b.getLong(), b.getInt());
        byte[] body = new byte[b.remaining()];
        b.get(body);
        return new StoredAnswer(status, body, at);
    }
}
