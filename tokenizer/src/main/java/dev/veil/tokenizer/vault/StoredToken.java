package dev.veil.tokenizer.vault;

import static java.util.Objects.requireNonNull;

/**
 * A vaulted token as a {@link TokenStore} holds it: the token, its namespace (for example a brand),
 * the key that encrypted the value, and the AES-GCM ciphertext (nonce included, token bound as
 * associated data). Never holds plaintext.
 */
public record StoredToken(String token, String namespace, String keyId, int keyVersion, byte[] ciphertext) {

    public StoredToken {
        requireNonNull(token, "token");
        requireNonNull(namespace, "namespace");
        requireNonNull(keyId, "keyId");
        requireNonNull(ciphertext, "ciphertext");
    }
}
