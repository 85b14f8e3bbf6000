package dev.veil.policy.engine;

import dev.veil.tokenizer.error.VeilException;

/**
 * A document cannot be sanitized because of what it is (too large, too deep, not JSON), not
 * because of a fault in Veil; the server answers it with a 4xx. Details hold limits, counts,
 * line and column numbers and paths rendered by {@link JsonPath#toSafeString()}, never a value or
 * a member name.
 */
public abstract sealed class DocumentRejectedException extends VeilException
        permits LimitExceededException, InvalidDocumentException {

    DocumentRejectedException(String code, String detail) {
        super(code, detail);
    }
}
