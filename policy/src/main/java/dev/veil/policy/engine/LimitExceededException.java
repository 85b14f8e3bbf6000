package dev.veil.policy.engine;

/** A document exceeds one of the {@link EngineLimits}; {@link #limit()} names which. */
public final class LimitExceededException extends DocumentRejectedException {

    private final String limit;

    LimitExceededException(String limit, String message) {
        super(message);
        this.limit = limit;
    }

    /** The limit's name: {@code maxDocumentBytes}, {@code maxDepth} or {@code maxStringLength}. */
    public String limit() {
        return limit;
    }
}
