package dev.veil.tokenizer.io;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.error.VeilException;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/** Reads an input up to a limit, failing as soon as the limit is passed: a 3 GB file is never held in memory. */
public final class LimitedInput {

    private LimitedInput() {}

    /**
     * All bytes of {@code in} if there are at most {@code maxBytes}; otherwise throws the exception
     * {@code tooLarge} supplies after reading no more than {@code maxBytes + 1} bytes. Does not close
     * {@code in}.
     */
    public static byte[] readAtMost(InputStream in, int maxBytes, Supplier<? extends VeilException> tooLarge) throws IOException {
        requireNonNull(in, "in");
        requireNonNull(tooLarge, "tooLarge");
        if (maxBytes < 0 || maxBytes == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxBytes: " + maxBytes + " (expected: 0 to " + (Integer.MAX_VALUE - 1) + ")");
        }
        // reads in chunks, never allocating maxBytes up front
        byte[] bytes = in.readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
            throw tooLarge.get();
        }
        return bytes;
    }
}
