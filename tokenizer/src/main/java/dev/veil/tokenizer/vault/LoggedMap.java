package dev.veil.tokenizer.vault;

import java.nio.ByteBuffer;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.type.DataType;

/**
 * A map of a {@link DurableMvStore} whose every change made inside {@link DurableMvStore#writeDurably}
 * is also recorded as a redo record (the key and the resulting value in the map's own data types),
 * so that the store can make it durable by appending to its write-ahead log instead of committing
 * the map's pages.
 *
 * <p>All of {@link MVMap}'s writes ({@code put}, {@code putIfAbsent}, {@code replace}, {@code
 * remove} and the {@code ConcurrentMap} defaults built on them) go through {@link #operate}; after
 * it, the key's value is read back under the store's change lock, which no other write can hold
 * meanwhile, and recorded unless it is the very object that was there before (nothing changed).
 */
final class LoggedMap<K, V> extends MVMap<K, V> {

    private final DurableMvStore owner;

    private LoggedMap(Map<String, Object> config, DataType<K> keyType, DataType<V> valueType, DurableMvStore owner) {
        super(config, keyType, valueType);
        this.owner = owner;
    }

    @Override
    public V operate(K key, V value, DecisionMaker<? super V> decisionMaker) {
        RedoLog redo = owner.redo(this);
        if (redo == null) {
            return super.operate(key, value, decisionMaker); // replay or housekeeping (page rewrites): nothing to record
        }
        V before = super.operate(key, value, decisionMaker);
        V after = get(key);
        if (after != before) {
            redo.record(this, key, after);
        }
        return before;
    }

    @Override
    public void clear() {
        RedoLog redo = owner.redo(this);
        super.clear();
        if (redo != null) {
            redo.recordClear(this);
        }
    }

    @Override
    public void append(K key, V value) {
        throw new UnsupportedOperationException("append is for single-writer maps; use put");
    }

    @Override
    public void trimLast() {
        throw new UnsupportedOperationException("trimLast is for single-writer maps; use remove");
    }

    /** Applies one redo record read back from the log (replay on open); the store holds its change lock. */
    void replay(byte op, ByteBuffer key, ByteBuffer value) {
        switch (op) {
            case RedoLog.PUT -> super.operate(getKeyType().read(key), getValueType().read(value), DecisionMaker.PUT);
            case RedoLog.REMOVE -> super.operate(getKeyType().read(key), null, DecisionMaker.REMOVE);
            case RedoLog.CLEAR -> super.clear();
            default -> throw new IllegalStateException("unknown redo operation " + op);
        }
    }

    /** Builds a {@link LoggedMap} with the data types of a caller's builder (or MVStore's defaults). */
    static final class Builder<K, V> extends MVMap.BasicBuilder<LoggedMap<K, V>, K, V> {

        private final DurableMvStore owner;

        Builder(MVMap.BasicBuilder<?, K, V> types, DurableMvStore owner) {
            this.owner = owner;
            if (types.getKeyType() != null) {
                setKeyType(types.getKeyType());
            }
            if (types.getValueType() != null) {
                setValueType(types.getValueType());
            }
        }

        @Override
        protected LoggedMap<K, V> create(Map<String, Object> config) {
            return new LoggedMap<>(config, getKeyType(), getValueType(), owner);
        }
    }
}
