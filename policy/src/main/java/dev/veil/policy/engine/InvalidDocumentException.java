package dev.veil.policy.engine;

/**
 * A document is not what the engine reads: not well-formed JSON ({@value #INVALID_JSON}), a member
 * name twice in one object ({@value #DUPLICATE_KEY}), text that is not Unicode such as a lone
 * surrogate ({@value #INVALID_TEXT}), or nothing at all ({@value #EMPTY_DOCUMENT}). The detail gives
 * the position or a member-name-free path, never the content.
 */
public final class InvalidDocumentException extends DocumentRejectedException {

    public static final String INVALID_JSON = "invalid_json";
    public static final String DUPLICATE_KEY = "duplicate_key";
    public static final String INVALID_TEXT = "invalid_text";
    public static final String EMPTY_DOCUMENT = "empty_document";

    InvalidDocumentException(String code, String detail) {
        super(code, detail);
    }
}
