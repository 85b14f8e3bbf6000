package dev.veil.tokenizer.token;

/** A token format whose tokens turn back into exactly the original value. */
public interface ReversibleTokenFormat extends TokenFormat {

    /**
     * Returns the original value of {@code token}, made with key version {@code keyVersion}; 0 when
     * the caller does not know it, so that the format uses the version it recorded (vaulted tokens
     * always do; format-preserving ones when given a key version index). Never decrypts under a
     * guessed version.
     *
     * @throws TokenizationException if the token is unknown or malformed, or its key is unavailable
     * @throws KeyVersionUnknownException if the key version cannot be determined, or the one given
     *     disagrees with the one recorded
     */
    String detokenize(String token, int keyVersion);
}
