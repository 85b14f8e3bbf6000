package dev.veil.policy;

import dev.veil.tokenizer.vault.KeyIds;
import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.KeyUnavailableException;
import dev.veil.tokenizer.vault.KeyVersion;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.spec.SecretKeySpec;

/**
 * Test keys with fixed bytes (SHA-256 of the key id and version), so golden outputs are the same
 * on every machine; keys can be made unavailable to show that the engine fails closed. Like the
 * command line's throwaway keys it lives in memory and creates version 1 of a key on first
 * {@link #current} ({@link #createsOnFirstUse()}); it never answers for a version not created.
 */
public final class FixedKeyProvider implements KeyProvider {

    private final Map<String, Integer> current = new ConcurrentHashMap<>();
    private final Set<String> unavailable = ConcurrentHashMap.newKeySet();

    /** From now on, every version of {@code keyId} is unavailable. */
    public FixedKeyProvider makeUnavailable(String keyId) {
        unavailable.add(keyId);
        return this;
    }

    @Override
    public boolean createsOnFirstUse() {
        return true;
    }

    @Override
    public KeyVersion current(String keyId) {
        return createIfAbsent(keyId);
    }

    @Override
    public KeyVersion createIfAbsent(String keyId) {
        requireUsable(keyId);
        return version(keyId, current.computeIfAbsent(keyId, id -> 1));
    }

    @Override
    public KeyVersion version(String keyId, int version) {
        int newest = current.getOrDefault(keyId, 0);
        if (unavailable.contains(keyId) || version < 1 || version > newest) {
            throw new KeyUnavailableException("key " + keyId + " v" + version + " is unavailable");
        }
        return new KeyVersion(keyId, version, new SecretKeySpec(bytes(keyId + " v" + version), "AES"));
    }

    @Override
    public KeyVersion rotate(String keyId) {
        requireUsable(keyId);
        int next = current.merge(keyId, 1, (old, ignored) -> old + 1);
        return version(keyId, next);
    }

    @Override
    public List<KeyInfo> keys() {
        List<KeyInfo> keys = new ArrayList<>();
        new TreeMap<>(current).forEach((id, version) -> keys.add(new KeyInfo(id, version)));
        return keys;
    }

    private void requireUsable(String keyId) {
        KeyIds.requireValid(keyId);
        if (unavailable.contains(keyId)) {
            throw new KeyUnavailableException("key " + keyId + " is unavailable");
        }
    }

    private static byte[] bytes(String seed) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(("veil test key " + seed).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
