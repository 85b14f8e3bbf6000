package dev.veil.tokenizer.vault;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Base64;

/** How token stores lay out entries and convergent-mode keys. */
final class StoredTokenCodec {

    private static final byte FORMAT = 1;

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

    static StoredToken decode(String token, byte[] bytes) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            byte format = buffer.get();
            if (format != FORMAT) {
                throw new IllegalStateException("stored token: format " + format + " (expected: " + FORMAT + ")");
            }
            String namespace = new String(next(buffer), UTF_8);
            String keyId = new String(next(buffer), UTF_8);
            int keyVersion = buffer.getInt();
            byte[] ciphertext = next(buffer);
            if (buffer.hasRemaining()) {
                throw new IllegalStateException("stored token: " + buffer.remaining() + " trailing bytes (expected: none)");
            }
            return new StoredToken(token, namespace, keyId, keyVersion, ciphertext);
        } catch (BufferUnderflowException | IllegalArgumentException | NegativeArraySizeException e) {
            throw new IllegalStateException("stored token: truncated or corrupt entry", e);
        }
    }

    /** The convergent-mode key: the namespace, length-prefixed so no two pairs collide, and the fingerprint. */
    static String fingerprintKey(String namespace, byte[] fingerprint) {
        if (fingerprint.length == 0) {
            throw new IllegalArgumentException("fingerprint: 0 bytes (expected: > 0)");
        }
        return namespace.length() + ":" + namespace + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(fingerprint);
    }

    private static byte[] next(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.getInt()];
        buffer.get(bytes);
        return bytes;
    }
}
