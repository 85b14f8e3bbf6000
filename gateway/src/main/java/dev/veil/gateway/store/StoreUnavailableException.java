package dev.veil.gateway.store;

import dev.veil.tokenizer.error.VeilException;

/** A durable store (or the key that seals it) cannot be used; nothing was acknowledged, callers fail closed. */
public final class StoreUnavailableException extends VeilException {

    /** The stable code: {@code store_unavailable}. */
    public static final String CODE = "store_unavailable";

    /** @param detail which store and which operation, never a value */
    public StoreUnavailableException(String detail) {
        super(CODE, detail);
    }
}
