package dev.veil.tokenizer.vault;

import dev.veil.tokenizer.error.VeilException;

/**
 * The token store (or its key version index) could not be read or written: the operation fails
 * closed and nothing is handed out. The cause is never kept, since a store's own message may name
 * a token; the detail says only which operation failed.
 */
public final class TokenStoreUnavailableException extends VeilException {

    /** The stable code of this error. */
    public static final String CODE = "token_store_unavailable";

    public TokenStoreUnavailableException(String operation) {
        super(CODE, "token store: " + operation + " failed");
    }
}
