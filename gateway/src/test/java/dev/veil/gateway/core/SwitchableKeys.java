package dev.veil.gateway.core;

import dev.veil.gateway.cli.EphemeralKeyProvider;
import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.KeyUnavailableException;
import dev.veil.tokenizer.vault.KeyVersion;
import java.security.SecureRandom;
import java.util.List;

/** Throwaway keys whose provider can be taken down, as a remote vault can go down. */
final class SwitchableKeys implements KeyProvider {

    private final EphemeralKeyProvider keys = new EphemeralKeyProvider(new SecureRandom());
    volatile boolean down;
    /** When set, only this key id is unavailable. */
    volatile String downFor;

    @Override
    public KeyVersion current(String keyId) {
        check(keyId);
        return keys.current(keyId);
    }

    @Override
    public KeyVersion version(String keyId, int version) {
        check(keyId);
        return keys.version(keyId, version);
    }

    @Override
    public KeyVersion createIfAbsent(String keyId) {
        check(keyId);
        return keys.createIfAbsent(keyId);
    }

    @Override
    public boolean createsOnFirstUse() {
        return keys.createsOnFirstUse();
    }

    @Override
    public KeyVersion rotate(String keyId) {
        check(keyId);
        return keys.rotate(keyId);
    }

    @Override
    public List<KeyInfo> keys() {
        return keys.keys();
    }

    private void check(String keyId) {
        if (down || keyId.equals(downFor)) {
            throw new KeyUnavailableException("key provider down");
        }
    }
}
