package dev.veil.gateway.store;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.vault.DurableMvStore;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.h2.mvstore.MVMap;

/**
 * The embedded {@link CaseStates}: each record's latest stamp in an MVStore map, written
 * durably before {@link #advance} returns and loaded into memory at start. Thread-safe.
 */
public final class MvCaseStates implements CaseStates {

    /** The map's name, distinct from the other stores' in the shared embedded file. */
    static final String MAP = "crm.caseStates";

    private final MvFile file;
    private final CaseStateBook book;

    private MvCaseStates(MvFile file, Clock clock) {
        this.file = file;
        MVMap<String, byte[]> map = file.map(MAP);
        this.book = new CaseStateBook(clock, (k, e) -> file.writeDurably(() -> map.put(k, encode(e))),
                keys -> file.writeDurably(() -> {
                    keys.forEach(map::remove);
                    return null;
                }));
        file.read(() -> {
            for (Map.Entry<String, byte[]> e : map.entrySet()) {
                book.load(e.getKey(), decode(e.getValue()));
            }
            return null;
        });
    }

    /** Opens (or creates) the store file. */
    public static MvCaseStates open(Path path, Clock clock) {
        requireNonNull(clock, "clock");
        MvFile file = MvFile.open(path, "crm state store");
        try {
            return new MvCaseStates(file, clock);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** The store on the data directory's shared file ({@link EmbeddedStoreFile}), which the caller closes. */
    public static MvCaseStates of(DurableMvStore shared, Clock clock) {
        requireNonNull(clock, "clock");
        return new MvCaseStates(MvFile.shared(shared, "crm state store"), clock);
    }

    @Override
    public boolean advance(String brand, String record, Instant stamp) {
        return book.advance(brand, record, stamp);
    }

    @Override
    public int prune() {
        return book.prune();
    }

    @Override
    public void close() {
        file.close();
    }

    private static byte[] encode(CaseStateBook.Entry e) {
        return ByteBuffer.allocate(24).putLong(e.stamp().getEpochSecond()).putInt(e.stamp().getNano())
                .putLong(e.recordedAt().getEpochSecond()).putInt(e.recordedAt().getNano()).array();
    }

    private static CaseStateBook.Entry decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        Instant stamp = Instant.ofEpochSecond(b.getLong(), b.getInt());
        return new CaseStateBook.Entry(stamp, Instant.ofEpochSecond(b.getLong(), b.getInt()));
    }
}
