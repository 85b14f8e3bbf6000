package dev.veil.tokenizer.token;

/** A token format whose tokens turn back into exactly the original value. */
public interface ReversibleTokenFormat extends TokenFormat {

    /**
     * Returns the original value of {@code token}, made with key version {@code keyVersion}
     * (ignored by formats whose store records the version).
     *
     * @throws TokenizationException if the token is unknown or malformed, or its key is unavailable
     */
    String detokenize(String token, int keyVersion);
}
