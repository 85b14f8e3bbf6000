package dev.veil.gateway.cli;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.vault.KeyIds;
import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.KeyUnavailableException;
import dev.veil.tokenizer.vault.KeyVersion;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.crypto.spec.SecretKeySpec;

/**
 * Throwaway keys for one run of a command (such as {@code veil policy preview} on a fresh clone):
 * random 256-bit keys held in memory only and gone when the process ends, so tokens made with them
 * never resolve anywhere else. Unlike a durable keyring, {@link #current} creates version 1 of a
 * missing key on first use ({@link #createsOnFirstUse()}): nothing outlives the run, so no token can
 * be stranded by a key made afresh. Thread-safe.
 */
public final class EphemeralKeyProvider implements KeyProvider {

    private static final int KEY_BYTES = 32;

    private final SecureRandom random;
    private final ConcurrentMap<String, List<KeyVersion>> keys = new ConcurrentHashMap<>();

    public EphemeralKeyProvider(SecureRandom random) {
        this.random = requireNonNull(random, "random");
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
        List<KeyVersion> versions = keys.get(requireNonNull(keyId, "keyId"));
        if (versions == null) {
            // only ids that passed the check are ever stored, so a known one is not checked again (a regex per token)
            versions = keys.computeIfAbsent(KeyIds.requireValid(keyId), id -> new ArrayList<>());
        }
        synchronized (versions) {
            if (versions.isEmpty()) {
                versions.add(newVersion(keyId, 1));
            }
            return versions.get(versions.size() - 1);
        }
    }

    @Override
    public KeyVersion version(String keyId, int version) {
        requireNonNull(keyId, "keyId");
        List<KeyVersion> versions = keys.get(keyId);
        if (versions != null) {
            synchronized (versions) {
                if (version >= 1 && version <= versions.size()) {
                    return versions.get(version - 1);
                }
            }
        }
        throw new KeyUnavailableException("key " + keyId + " v" + version + " does not exist (throwaway keys last one run)");
    }

    @Override
    public KeyVersion rotate(String keyId) {
        List<KeyVersion> versions = keys.computeIfAbsent(KeyIds.requireValid(keyId), id -> new ArrayList<>());
        synchronized (versions) {
            KeyVersion next = newVersion(keyId, versions.size() + 1);
            versions.add(next);
            return next;
        }
    }

    @Override
    public List<KeyInfo> keys() {
        List<KeyInfo> infos = new ArrayList<>();
        for (Map.Entry<String, List<KeyVersion>> entry : keys.entrySet()) {
            synchronized (entry.getValue()) {
                if (!entry.getValue().isEmpty()) {
                    infos.add(new KeyInfo(entry.getKey(), entry.getValue().size()));
                }
            }
        }
        infos.sort(java.util.Comparator.comparing(KeyInfo::keyId));
        return infos;
    }

    private KeyVersion newVersion(String keyId, int version) {
        byte[] raw = new byte[KEY_BYTES];
        random.nextBytes(raw);
        try {
            return new KeyVersion(keyId, version, new SecretKeySpec(raw, "AES"));
        } finally {
            java.util.Arrays.fill(raw, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "EphemeralKeyProvider[" + keys.size() + " keys]";
    }
}
