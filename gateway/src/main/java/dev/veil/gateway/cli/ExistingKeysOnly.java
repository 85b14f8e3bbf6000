package dev.veil.gateway.cli;

import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.KeyUnavailableException;
import dev.veil.tokenizer.vault.KeyVersion;
import java.util.List;

/**
 * A real keyring seen by a command that must not change it: keys that do not exist yet are not
 * created, and nothing is rotated. Fails closed with a message naming the missing key.
 */
final class ExistingKeysOnly implements KeyProvider {

    private final KeyProvider keys;

    ExistingKeysOnly(KeyProvider keys) {
        this.keys = keys;
    }

    @Override
    public KeyVersion current(String keyId) {
        if (keys.createsOnFirstUse() && keys.keys().stream().noneMatch(info -> info.keyId().equals(keyId))) {
            throw missing(keyId);
        }
        return keys.current(keyId);
    }

    @Override
    public KeyVersion createIfAbsent(String keyId) {
        if (keys.keys().stream().anyMatch(info -> info.keyId().equals(keyId))) {
            return keys.current(keyId);
        }
        throw missing(keyId);
    }

    private static KeyUnavailableException missing(String keyId) {
        return new KeyUnavailableException("key " + keyId + " is not in the keyring (this command does not create keys;"
                + " create them with: veil keys init --policy FILE, or veil keys create " + keyId + ")");
    }

    @Override
    public KeyVersion version(String keyId, int version) {
        return keys.version(keyId, version);
    }

    @Override
    public KeyVersion rotate(String keyId) {
        throw new KeyUnavailableException("key " + keyId + ": this command does not rotate keys");
    }

    @Override
    public List<KeyInfo> keys() {
        return keys.keys();
    }
}
