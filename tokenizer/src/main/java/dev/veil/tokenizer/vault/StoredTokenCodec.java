package dev.veil.tokenizer.vault;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** How token stores lay out entries and convergent-mode keys. */
final class StoredTokenCodec {

    private static final byte FORMAT = 1;
    /** Namespaces are at most 64 and key ids at most 128 ASCII characters; room to spare. */
    private static final int MAX_NAME_BYTES = 1024;
    /** Far above any value Veil tokenizes; an entry claiming more is corrupt. */
    private static final int MAX_ENTRY_BYTES = 64 * 1024 * 1024;
    /** Room for the versions recorded for one format-preserving token; two is already a rare coincidence. */
    private static final int MAX_VERSIONS_CHARS = 64 * 1024;

    private StoredTokenCodec() {}

    /** The entry without its token (the map key): format, namespace, key id, key version, ciphertext. */
    static byte[] encode(StoredToken entry) {
        byte[] namespace = entry.namespace().getBytes(UTF_8);
        byte[] keyId = entry.keyId().getBytes(UTF_8);
        byte[] ciphertext = entry.ciphertext();
        ByteBuffer buffer = ByteBuffer.allocate(1 + 4 + namespace.length + 4 + keyId.length + 4 + 4 + ciphertext.length);
        buffer.put(FORMAT);
        buffer.putInt(namespace.length).put(namespace);
        buffer.putInt(keyId.length).put(keyId);
        buffer.putInt(entry.keyVersion());
        buffer.putInt(ciphertext.length).put(ciphertext);
        return buffer.array();
    }

    /**
     * Reads an entry written by {@link #encode}, checking every length against the bytes left (and
     * against the limits of what Veil writes) before allocating anything.
     *
     * @throws CorruptStoreException if the entry is truncated, oversized or malformed
     */
    static StoredToken decode(String token, byte[] bytes) {
        if (bytes.length > MAX_ENTRY_BYTES) {
            throw new CorruptStoreException(bytes.length + " bytes (expected: at most " + MAX_ENTRY_BYTES + ")");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte format = buffer.remaining() >= 1 ? buffer.get() : 0;
        if (format != FORMAT) {
            throw new CorruptStoreException("format " + format + " (expected: " + FORMAT + ")");
        }
        String namespace = new String(next(buffer, "namespace", MAX_NAME_BYTES), UTF_8);
        String keyId = new String(next(buffer, "key id", MAX_NAME_BYTES), UTF_8);
        if (buffer.remaining() < 4) {
            throw new CorruptStoreException("truncated before the key version");
        }
        int keyVersion = buffer.getInt();
        if (keyVersion < 1) {
            throw new CorruptStoreException("key version " + keyVersion + " (expected: >= 1)");
        }
        byte[] ciphertext = next(buffer, "ciphertext", MAX_ENTRY_BYTES);
        if (buffer.hasRemaining()) {
            throw new CorruptStoreException(buffer.remaining() + " trailing bytes (expected: none)");
        }
        return new StoredToken(token, namespace, keyId, keyVersion, ciphertext);
    }

    /** The key of a {@link KeyVersionIndex} entry in a store's map. */
    static String indexKey(byte[] entry) {
        if (entry.length == 0) {
            throw new IllegalArgumentException("entry: 0 bytes (expected: > 0)");
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(entry);
    }

    /** Versions as stored: ascending decimal numbers separated by commas. */
    static String encodeVersions(List<Integer> versions) {
        StringBuilder text = new StringBuilder();
        for (int version : versions) {
            text.append(text.length() == 0 ? "" : ",").append(version);
        }
        return text.toString();
    }

    /** Decodes {@link #encodeVersions}, refusing anything else before parsing it. */
    static List<Integer> decodeVersions(String text) {
        if (text.isEmpty() || text.length() > MAX_VERSIONS_CHARS) {
            throw new CorruptStoreException("key version index entry of " + text.length() + " characters (expected: 1 to "
                    + MAX_VERSIONS_CHARS + ")");
        }
        List<Integer> versions = new ArrayList<>();
        for (String field : text.split(",", -1)) {
            int version;
            try {
                version = field.length() > 9 ? -1 : Integer.parseInt(field);
            } catch (NumberFormatException e) {
                version = -1;
            }
            if (version < 1 || (!versions.isEmpty() && version <= versions.get(versions.size() - 1))) {
                throw new CorruptStoreException("key version index entry is not ascending versions >= 1");
            }
            versions.add(version);
        }
        return List.copyOf(versions);
    }

    /** {@code versions} with {@code version} added in order, or {@code null} if it holds it already. */
    static List<Integer> withVersion(List<Integer> versions, int version) {
        if (versions.contains(version)) {
            return null;
        }
        List<Integer> added = new ArrayList<>(versions);
        added.add(version);
        added.sort(null);
        return List.copyOf(added);
    }

    /** The convergent-mode key: the namespace, length-prefixed so no two pairs collide, and the fingerprint. */
    static String fingerprintKey(String namespace, byte[] fingerprint) {
        if (fingerprint.length == 0) {
            throw new IllegalArgumentException("fingerprint: 0 bytes (expected: > 0)");
        }
        return namespace.length() + ":" + namespace + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(fingerprint);
    }

    /** A length-prefixed field, its length checked against {@code max} and the bytes left before allocating. */
    private static byte[] next(ByteBuffer buffer, String field, int max) {
        if (buffer.remaining() < 4) {
            throw new CorruptStoreException("truncated before the " + field + " length");
        }
        int length = buffer.getInt();
        if (length < 0 || length > max) {
            throw new CorruptStoreException(field + " length " + length + " (expected: 0 to " + max + ")");
        }
        if (length > buffer.remaining()) {
            throw new CorruptStoreException(field + " length " + length + " but " + buffer.remaining() + " bytes left");
        }
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return bytes;
    }
}
