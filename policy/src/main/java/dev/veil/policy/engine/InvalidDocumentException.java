package dev.veil.policy.engine;

/** A document is not well-formed JSON; the message gives the position, never the content. */
public final class InvalidDocumentException extends DocumentRejectedException {

    InvalidDocumentException(String message) {
        super(message);
    }
}
