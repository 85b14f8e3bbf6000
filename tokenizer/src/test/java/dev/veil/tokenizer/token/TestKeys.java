package dev.veil.tokenizer.token;

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
import java.util.TreeMap;
import javax.crypto.spec.SecretKeySpec;

/**
 * Test-only key material: deterministic 256-bit keys derived from the key id and version (so tests
 * never flake on an unlucky key), or fixed keys such as the NIST samples'. In memory, so
 * {@link #current} creates version 1 on first use ({@link #createsOnFirstUse()}).
 */
public final class TestKeys implements KeyProvider {

    private final Map<String, List<KeyVersion>> keys = new TreeMap<>();

    /** Version 1 of {@code keyId} is {@code material}; later versions are derived. */
    public synchronized TestKeys with(String keyId, byte[] material) {
        List<KeyVersion> versions = new ArrayList<>();
        versions.add(new KeyVersion(keyId, 1, new SecretKeySpec(material, "AES")));
        keys.put(keyId, versions);
        return this;
    }

    @Override
    public boolean createsOnFirstUse() {
        return true;
    }

    @Override
    public synchronized KeyVersion current(String keyId) {
        return createIfAbsent(keyId);
    }

    @Override
    public synchronized KeyVersion createIfAbsent(String keyId) {
        KeyIds.requireValid(keyId);
        List<KeyVersion> versions = keys.computeIfAbsent(keyId, id -> new ArrayList<>());
        if (versions.isEmpty()) {
            versions.add(derive(keyId, 1));
        }
        return versions.get(versions.size() - 1);
    }

    @Override
    public synchronized KeyVersion version(String keyId, int version) {
        List<KeyVersion> versions = keys.get(keyId);
        if (versions == null || version < 1 || version > versions.size()) {
            throw new KeyUnavailableException("key " + keyId + " v" + version + " is unavailable");
        }
        return versions.get(version - 1);
    }

    @Override
    public synchronized KeyVersion rotate(String keyId) {
        KeyIds.requireValid(keyId);
        List<KeyVersion> versions = keys.computeIfAbsent(keyId, id -> new ArrayList<>());
        KeyVersion next = derive(keyId, versions.size() + 1);
        versions.add(next);
        return next;
    }

    @Override
    public synchronized List<KeyInfo> keys() {
        List<KeyInfo> out = new ArrayList<>();
        keys.forEach((id, versions) -> {
            if (!versions.isEmpty()) {
                out.add(new KeyInfo(id, versions.size()));
            }
        });
        return out;
    }

    private static KeyVersion derive(String keyId, int version) {
        try {
            byte[] material = MessageDigest.getInstance("SHA-256")
                    .digest(("veil-test-key:" + keyId + ":" + version).getBytes(StandardCharsets.UTF_8));
            return new KeyVersion(keyId, version, new SecretKeySpec(material, "AES"));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
