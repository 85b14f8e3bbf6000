package dev.veil.policy.engine;

/**
 * A document exceeds one of the {@link EngineLimits}; {@link #limit()} names which and
 * {@link #code()} says it in words: {@value #DOCUMENT_TOO_LARGE}, {@value #TOO_DEEP},
 * {@value #STRING_TOO_LONG} or {@value #NUMBER_TOO_LONG}.
 */
public final class LimitExceededException extends DocumentRejectedException {

    public static final String DOCUMENT_TOO_LARGE = "document_too_large";
    public static final String TOO_DEEP = "too_deep";
    public static final String STRING_TOO_LONG = "string_too_long";
    public static final String NUMBER_TOO_LONG = "number_too_long";

    private final String limit;

    LimitExceededException(String limit, String code, String detail) {
        super(code, detail);
        this.limit = limit;
    }

    /** The limit's name: {@code maxDocumentBytes}, {@code maxDepth} or {@code maxStringLength}. */
    public String limit() {
        return limit;
    }

    static LimitExceededException documentTooLarge(long bytes, EngineLimits limits) {
        return new LimitExceededException("maxDocumentBytes", DOCUMENT_TOO_LARGE,
                "document of " + (bytes < 0 ? "more than " + limits.maxDocumentBytes() : bytes) + " bytes exceeds maxDocumentBytes = "
                        + limits.maxDocumentBytes());
    }
}
