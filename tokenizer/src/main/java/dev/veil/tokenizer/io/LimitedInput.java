package dev.veil.tokenizer.io;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.error.VeilException;
import java.io.ByteArrayOutputStream;
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
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes + 1, 64 * 1024));
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n = in.read(buffer, 0, (int) Math.min(buffer.length, maxBytes + 1L - total)); n >= 0;
                n = in.read(buffer, 0, (int) Math.min(buffer.length, maxBytes + 1L - total))) {
            total += n;
            if (total > maxBytes) {
                throw tooLarge.get();
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
