package dev.veil.gateway.cli;

import static java.util.Objects.requireNonNull;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads UTF-8 lines with a length limit applied while reading: a line longer than the limit is
 * skipped to its end and reported, never held whole. A leading byte order mark is skipped; a line
 * that is not UTF-8 is reported ({@code invalid_text}), never turned into replacement characters.
 * Not thread-safe.
 */
final class InputLines {

    /** One line: its one-based number and either its text or why it cannot be read. */
    record Line(long number, String text, UsageException problem) {}

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final InputStream in;
    private final int maxBytes;
    private final byte[] buffer;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private long number;
    private boolean started;

    InputLines(InputStream in, int maxBytes) {
        this.in = new BufferedInputStream(requireNonNull(in, "in"), 64 * 1024);
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes: " + maxBytes + " (expected: > 0)");
        }
        this.maxBytes = maxBytes;
        this.buffer = new byte[Math.min(maxBytes, 64 * 1024)];
    }

    /** The next line (without its {@code \n} or {@code \r\n}), or {@code null} at the end of the input. */
    Line next() throws IOException {
        if (!started) {
            started = true;
            skipBom();
        }
        byte[] line = buffer;
        int length = 0;
        boolean tooLong = false;
        int b = in.read();
        if (b < 0) {
            return null;
        }
        number++;
        for (; b >= 0 && b != '\n'; b = in.read()) {
            if (tooLong) {
                continue; // skip to the end of the line without keeping it
            }
            if (length == maxBytes) {
                tooLong = true;
                continue;
            }
            if (length == line.length) {
                byte[] grown = new byte[(int) Math.min(maxBytes, 2L * line.length)];
                System.arraycopy(line, 0, grown, 0, length);
                line = grown;
            }
            line[length++] = (byte) b;
        }
        if (tooLong) {
            return new Line(number, null, new UsageException(UsageException.LINE_TOO_LONG,
                    "longer than " + maxBytes + " bytes (skipped)"));
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        try {
            return new Line(number, decoder.decode(ByteBuffer.wrap(line, 0, length)).toString(), null);
        } catch (CharacterCodingException e) {
            return new Line(number, null, new UsageException(UsageException.INVALID_TEXT, "not UTF-8 text (skipped)"));
        }
    }

    private void skipBom() throws IOException {
        in.mark(BOM.length);
        for (byte expected : BOM) {
            if (in.read() != (expected & 0xFF)) {
                in.reset();
                return;
            }
        }
    }
}
