package dev.veil.tokenizer.vault;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.DataType;

/**
 * The redo records of one {@link DurableMvStore#writeDurably} call, collected while its changes run
 * and appended to the write-ahead log as one frame, so that a call reaches the disk whole or not at
 * all. A record is an operation byte, the map's name (var-int length, UTF-8), then for a put the key
 * and the value and for a remove the key, each as a 4-byte length and the bytes its map's data type
 * writes; a clear has neither. Used under the store's change lock only.
 */
final class RedoLog {

    static final byte PUT = 1;
    static final byte REMOVE = 2;
    static final byte CLEAR = 3;

    private final WriteBuffer buffer = new WriteBuffer(1 << 14);

    /** One record read back from a frame; the buffers are views of the frame. */
    record Record(byte op, String map, ByteBuffer key, ByteBuffer value) {}

    <K, V> void record(LoggedMap<K, V> map, K key, V value) {
        buffer.put(value == null ? REMOVE : PUT);
        name(map);
        sized(map.getKeyType(), key);
        if (value != null) {
            sized(map.getValueType(), value);
        }
    }

    /** Writes a record read back from the log again as it was (no data types needed). */
    void copy(Record r) {
        buffer.put(r.op());
        byte[] name = r.map().getBytes(UTF_8);
        buffer.putVarInt(name.length).put(name);
        for (ByteBuffer part : new ByteBuffer[] {r.key(), r.value()}) {
            if (part != null) {
                buffer.putInt(part.remaining()).put(part.duplicate());
            }
        }
    }

    void recordClear(LoggedMap<?, ?> map) {
        buffer.put(CLEAR);
        name(map);
    }

    /** Starts a new call's records. */
    void clear() {
        buffer.clear();
    }

    int length() {
        return buffer.position();
    }

    /** The records' bytes, valid until the next change; {@link #length} of them. */
    byte[] bytes() {
        ByteBuffer b = buffer.getBuffer();
        return b.array(); // WriteBuffer allocates heap buffers
    }

    /**
     * The records of one frame, in order.
     *
     * @throws IllegalStateException if the frame does not parse (its checksum was right: a bug or a foreign file)
     */
    static List<Record> read(ByteBuffer frame) {
        List<Record> records = new ArrayList<>();
        ByteBuffer in = frame.duplicate();
        try {
            while (in.hasRemaining()) {
                byte op = in.get();
                byte[] name = new byte[DataUtils.readVarInt(in)];
                in.get(name);
                ByteBuffer key = op == CLEAR ? null : slice(in);
                ByteBuffer value = op == PUT ? slice(in) : null;
                if (op != PUT && op != REMOVE && op != CLEAR) {
                    throw new IllegalStateException("unknown operation");
                }
                records.add(new Record(op, new String(name, UTF_8), key, value));
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException("a write-ahead log frame does not parse", e);
        }
        return records;
    }

    private void name(LoggedMap<?, ?> map) {
        byte[] name = map.getName().getBytes(UTF_8);
        buffer.putVarInt(name.length).put(name);
    }

    private <T> void sized(DataType<T> type, T value) {
        int at = buffer.position();
        buffer.putInt(0);
        type.write(buffer, value);
        buffer.putInt(at, buffer.position() - at - 4);
    }

    private static ByteBuffer slice(ByteBuffer in) {
        int length = in.getInt();
        ByteBuffer s = in.slice(in.position(), length);
        in.position(in.position() + length);
        return s;
    }
}
