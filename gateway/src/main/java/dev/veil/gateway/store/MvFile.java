package dev.veil.gateway.store;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.vault.DurableMvStore;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * One store's maps in a {@link DurableMvStore} file, its own or one shared with the other embedded
 * stores (owner-only, fsync before a write returns, group commit), with its failures turned into
 * {@link StoreUnavailableException}s that name the store and the operation only.
 */
final class MvFile implements AutoCloseable {

    private final DurableMvStore db;
    private final String what;
    /** Whether {@link #close} closes {@link #db} (not when the file is shared with other stores). */
    private final boolean owned;

    private MvFile(DurableMvStore db, String what, boolean owned) {
        this.db = db;
        this.what = what;
        this.owned = owned;
    }

    static MvFile open(Path file, String what) {
        requireNonNull(file, "file");
        try {
            return new MvFile(DurableMvStore.open(file, what), what, true);
        } catch (IllegalStateException e) {
            throw new StoreUnavailableException(what + ": cannot open its file (in use by another process, or unreadable)");
        }
    }

    /** A store's maps in a file shared with other stores, which its owner closes. */
    static MvFile shared(DurableMvStore db, String what) {
        return new MvFile(requireNonNull(db, "db"), requireNonNull(what, "what"), false);
    }

    MVMap<String, byte[]> map(String name) {
        try {
            return db.openMap(name, new MVMap.Builder<String, byte[]>()
                    .keyType(StringDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
        } catch (IllegalStateException e) {
            throw new StoreUnavailableException(what + ": cannot open its maps");
        }
    }

    /** Runs map changes (nothing that may fail otherwise) and returns once they are on disk. */
    <T> T writeDurably(Supplier<T> changes) {
        try {
            return db.writeDurably(changes);
        } catch (IllegalStateException | MVStoreException e) {
            throw new StoreUnavailableException(what + ": write failed");
        }
    }

    <T> T read(Supplier<T> lookup) {
        try {
            db.requireOpen();
            return lookup.get();
        } catch (IllegalStateException | MVStoreException e) {
            throw new StoreUnavailableException(what + ": read failed");
        }
    }

    /** Rewrites a little of the sparsest chunks of an own file; bounded work for a periodic call. */
    void compact() {
        if (!owned) {
            return; // a shared file is compacted once by its owner, not once per store in it
        }
        try {
            db.compact(50, 1 << 20);
        } catch (IllegalStateException | MVStoreException e) {
            throw new StoreUnavailableException(what + ": compaction failed");
        }
    }

    @Override
    public void close() {
        if (!owned) {
            return;
        }
        try {
            db.close();
        } catch (IllegalStateException | MVStoreException e) {
            throw new StoreUnavailableException(what + ": close failed");
        }
    }
}
