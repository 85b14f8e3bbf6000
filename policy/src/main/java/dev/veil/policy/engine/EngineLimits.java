package dev.veil.policy.engine;

/**
 * How large a document the engine accepts: its size in bytes, how deeply objects and arrays nest
 * (the root container is depth 1), and the longest string or member name in characters.
 */
public record EngineLimits(int maxDocumentBytes, int maxDepth, int maxStringLength) {

    /** 1 MiB, depth 64, strings up to 256 Ki characters. */
    public static final EngineLimits DEFAULTS = new EngineLimits(1 << 20, 64, 256 * 1024);

    private static final int MAX_BYTES_CEILING = 256 << 20;
    private static final int MAX_DEPTH_CEILING = 1000;

    public EngineLimits {
        if (maxDocumentBytes < 1 || maxDocumentBytes > MAX_BYTES_CEILING) {
            throw new IllegalArgumentException("maxDocumentBytes: " + maxDocumentBytes + " (expected: 1 to " + MAX_BYTES_CEILING + ")");
        }
        if (maxDepth < 1 || maxDepth > MAX_DEPTH_CEILING) {
            throw new IllegalArgumentException("maxDepth: " + maxDepth + " (expected: 1 to " + MAX_DEPTH_CEILING + ")");
        }
        if (maxStringLength < 1) {
            throw new IllegalArgumentException("maxStringLength: " + maxStringLength + " (expected: > 0)");
        }
    }

    public static EngineLimits defaults() {
        return DEFAULTS;
    }

    public EngineLimits withMaxDocumentBytes(int value) {
        return new EngineLimits(value, maxDepth, maxStringLength);
    }

    public EngineLimits withMaxDepth(int value) {
        return new EngineLimits(maxDocumentBytes, value, maxStringLength);
    }

    public EngineLimits withMaxStringLength(int value) {
        return new EngineLimits(maxDocumentBytes, maxDepth, value);
    }
}
