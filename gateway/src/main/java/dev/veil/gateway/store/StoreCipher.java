package dev.veil.gateway.store;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.vault.AesGcm;
import dev.veil.tokenizer.vault.KeyIds;
import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.KeyVersion;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;

/**
 * Seals records at rest with AES-256-GCM under a key from the {@link KeyProvider} (by default
 * {@code veil/store}); each sealed record carries its key version, so records sealed before a
 * rotation still open. The associated data binds a record to where it is filed (ticket id and
 * view name, outbox message id), so a box moved to another place does not open. Thread-safe.
 */
public final class StoreCipher {

    /** The key id used unless another is given. */
    public static final String DEFAULT_KEY_ID = "veil/store";

    private final KeyProvider keys;
    private final String keyId;
    private final SecureRandom random;

    private StoreCipher(KeyProvider keys, String keyId, SecureRandom random) {
        this.keys = keys;
        this.keyId = keyId;
        this.random = random;
    }

    public static StoreCipher of(KeyProvider keys, String keyId, SecureRandom random) {
        requireNonNull(keys, "keys");
        requireNonNull(random, "random");
        return new StoreCipher(keys, KeyIds.requireValid(keyId), random);
    }

    public static StoreCipher of(KeyProvider keys, SecureRandom random) {
        return of(keys, DEFAULT_KEY_ID, random);
    }

    /** A sealed record: the key version and the AES-GCM box. */
    public record Sealed(int keyVersion, byte[] box) {}

    /**
     * Seals {@code plaintext} under the current key version.
     *
     * @throws StoreUnavailableException if the key cannot be had
     */
    public Sealed seal(byte[] plaintext, String place) {
        requireNonNull(plaintext, "plaintext");
        KeyVersion key = key(() -> keys.current(keyId));
        return new Sealed(key.version(), AesGcm.seal(key.key(), random, plaintext, aad(place)));
    }

    /**
     * Opens a record sealed for {@code place}.
     *
     * @throws StoreUnavailableException if the key version cannot be had, or the box was altered or moved
     */
    public byte[] open(Sealed sealed, String place) {
        requireNonNull(sealed, "sealed");
        KeyVersion key = key(() -> keys.version(keyId, sealed.keyVersion()));
        try {
            return AesGcm.open(key.key(), sealed.box(), aad(place));
        } catch (AEADBadTagException e) {
            throw new StoreUnavailableException("store: a sealed record does not open (altered, moved or wrong key)");
        }
    }

    /**
     * Seals, under the current key version, the {@code length} plaintext bytes at {@code
     * buffer[from + AesGcm.NONCE_BYTES]} where they lie (see {@link AesGcm#sealInPlace}), bound to
     * {@code place}: a record written straight into its buffer is sealed without a copy.
     *
     * @return the key version sealed under
     * @throws StoreUnavailableException if the key cannot be had
     */
    public int sealInPlace(byte[] buffer, int from, int length, byte[] place) {
        KeyVersion key = key(() -> keys.current(keyId));
        AesGcm.sealInPlace(key.key(), random, buffer, from, length, aad(place));
        return key.version();
    }

    /**
     * Opens the box of {@code length} bytes at {@code buffer[from]}, sealed under {@code keyVersion}
     * for {@code place} by {@link #sealInPlace}.
     *
     * @throws StoreUnavailableException if the key version cannot be had, or the box was altered or moved
     */
    public byte[] open(int keyVersion, byte[] buffer, int from, int length, byte[] place) {
        KeyVersion key = key(() -> keys.version(keyId, keyVersion));
        try {
            return AesGcm.open(key.key(), buffer, from, length, aad(place));
        } catch (AEADBadTagException | IllegalArgumentException e) {
            throw new StoreUnavailableException("store: a sealed record does not open (altered, moved or wrong key)");
        }
    }

    private static KeyVersion key(java.util.function.Supplier<KeyVersion> lookup) {
        try {
            return lookup.get();
        } catch (RuntimeException e) {
            // a key provider's own failure (a remote vault down, say) is reported by kind only
            throw new StoreUnavailableException("store: the store key is unavailable");
        }
    }

    private static byte[] aad(String place) {
        return ("veil-store\n" + requireNonNull(place, "place")).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] aad(byte[] place) {
        requireNonNull(place, "place");
        byte[] label = "veil-store\n".getBytes(StandardCharsets.UTF_8);
        byte[] aad = Arrays.copyOf(label, label.length + place.length);
        System.arraycopy(place, 0, aad, label.length, place.length);
        return aad;
    }
}
