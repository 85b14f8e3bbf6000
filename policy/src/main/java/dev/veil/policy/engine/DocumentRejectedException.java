package dev.veil.policy.engine;

/**
 * A document cannot be sanitized because of what it is (too large, too deep, not JSON), not
 * because of a fault in Veil; the server answers it with a 4xx. Messages never contain values.
 */
public abstract sealed class DocumentRejectedException extends RuntimeException
        permits LimitExceededException, InvalidDocumentException {

    DocumentRejectedException(String message) {
        super(message);
    }
}
