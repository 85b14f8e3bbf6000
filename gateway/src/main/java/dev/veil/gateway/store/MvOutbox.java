package dev.veil.gateway.store;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.gateway.core.JsonTrees;
import dev.veil.tokenizer.vault.DurableMvStore;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.h2.mvstore.MVMap;

/**
 * The embedded {@link Outbox}: one MVStore file, loaded into memory at start. Payloads (replies
 * with tokens revealed for the CRM) are sealed with {@link StoreCipher}, bound to the message id;
 * the rest (brand, attempts, times, error code) is in clear. Thread-safe.
 */
public final class MvOutbox implements Outbox {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MvFile file;
    private final StoreCipher cipher;
    private final OutboxBook book;

    private MvOutbox(MvFile file, StoreCipher cipher, RetryPolicy retry, Clock clock, SecureRandom random) {
        this.file = file;
        this.cipher = cipher;
        MVMap<String, byte[]> map = file.map("outbox");
        this.book = new OutboxBook(retry, clock, random, m -> {
            byte[] record = encode(m);
            file.writeDurably(() -> map.put(m.id(), record));
        }, id -> {
            file.writeDurably(() -> map.remove(id));
        });
        file.read(() -> {
            for (Map.Entry<String, byte[]> e : map.entrySet()) {
                book.load(decode(e.getKey(), e.getValue()));
            }
            return null;
        });
    }

    /** Opens (or creates) the outbox file. */
    public static MvOutbox open(Path path, StoreCipher cipher, RetryPolicy retry, Clock clock, SecureRandom random) {
        requireNonNull(cipher, "cipher");
        return open(MvFile.open(path, "outbox"), cipher, retry, clock, random);
    }

    /** The outbox in its map ({@code outbox}) of a file shared with the other embedded stores. */
    public static MvOutbox of(DurableMvStore shared, StoreCipher cipher, RetryPolicy retry, Clock clock, SecureRandom random) {
        requireNonNull(cipher, "cipher");
        return open(MvFile.shared(shared, "outbox"), cipher, retry, clock, random);
    }

    private static MvOutbox open(MvFile file, StoreCipher cipher, RetryPolicy retry, Clock clock, SecureRandom random) {
        try {
            return new MvOutbox(file, cipher, retry, clock, random);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    @Override public boolean enqueue(String id, String brand, byte[] payload) { return book.enqueue(id, brand, payload); }
    @Override public List<OutboxMessage> lease(int max) { return book.lease(max); }
    @Override public boolean delivered(String id) { return book.delivered(id); }
    @Override public Optional<OutboxMessage> failed(String id, String errorCode) { return book.failed(id, errorCode); }
    @Override public Optional<OutboxMessage> defer(String id, java.time.Instant notBefore, String errorCode) { return book.defer(id, notBefore, errorCode); }
    @Override public Optional<OutboxMessage> deadLetter(String id, String errorCode) { return book.deadLetter(id, errorCode); }
    @Override public List<OutboxMessage> deadLetters(int max) { return book.deadLetters(max); }
    @Override public boolean redrive(String id) { return book.redrive(id); }
    @Override public Optional<OutboxMessage> get(String id) { return book.get(id); }
    @Override public Depth depth() { return book.depth(); }
    @Override public java.util.Map<String, Depth> depthByBrand() { return book.depthByBrand(); }

    /** Bounded compaction, for a periodic housekeeping call. */
    public void maintain() {
        file.compact();
    }

    @Override
    public void close() {
        file.close();
    }

    private byte[] encode(OutboxMessage m) {
        StoreCipher.Sealed sealed = cipher.seal(m.payload(), "outbox\n" + m.id());
        ObjectNode root = JSON.createObjectNode()
                .put("brand", m.brand())
                .put("createdAt", m.createdAt().toString())
                .put("attempts", m.attempts())
                .put("nextAttemptAt", m.nextAttemptAt().toString())
                .put("lastError", m.lastError())
                .put("state", m.state().name())
                .put("keyVersion", sealed.keyVersion())
                .put("box", sealed.box());
        return JsonTrees.bytes(root);
    }

    private OutboxMessage decode(String id, byte[] record) {
        try {
            JsonNode r = JSON.readTree(record);
            byte[] payload = cipher.open(new StoreCipher.Sealed(r.get("keyVersion").intValue(), r.get("box").binaryValue()), "outbox\n" + id);
            JsonNode error = r.get("lastError");
            return new OutboxMessage(id, r.get("brand").textValue(), payload, Instant.parse(r.get("createdAt").textValue()),
                    r.get("attempts").intValue(), Instant.parse(r.get("nextAttemptAt").textValue()),
                    error == null || error.isNull() ? null : error.textValue(), OutboxMessage.State.valueOf(r.get("state").textValue()));
        } catch (IOException | RuntimeException e) {
            if (e instanceof StoreUnavailableException s) {
                throw s;
            }
            throw new StoreUnavailableException("outbox: a stored message is unreadable (" + e.getClass().getSimpleName() + ")");
        }
    }
}
