package dev.veil.tokenizer.token;

/**
 * Turns a value into its stand-in: a format-preserving token, a vaulted token, a pseudonym, a mask
 * or a placeholder. An instance is configured once (parameters validated in its factory, keys and
 * namespace bound) and is then immutable and thread-safe.
 */
public interface TokenFormat {

    /** The format's name as policies write it, for example {@code fpe-card}. */
    String name();

    /**
     * Returns the stand-in for {@code value}.
     *
     * @throws TokenizationException if the value does not fit the format (its message never
     *     contains the value) or a key or store is unavailable
     */
    Token tokenize(String value);

    /**
     * Whether {@link #tokenize} is a function of the value (and the current key) alone, with no
     * randomness and nothing stored, so that a caller may reuse a token within one document
     * instead of making it again. False unless a format says otherwise.
     */
    default boolean deterministic() {
        return false;
    }
}
