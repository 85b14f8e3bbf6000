package dev.veil.tokenizer.vault;

import dev.veil.tokenizer.error.VeilException;

/**
 * An entry read from a token store is not what Veil wrote (truncated, altered, or of another
 * format): refused before anything is allocated from its length fields. The detail names what was
 * wrong in counts and sizes, never the token or any stored byte.
 */
public final class CorruptStoreException extends VeilException {

    /** The stable code of this error. */
    public static final String CODE = "token_store_corrupt";

    public CorruptStoreException(String detail) {
        super(CODE, "token store: corrupt entry: " + detail);
    }
}
