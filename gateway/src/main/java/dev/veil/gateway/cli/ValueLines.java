package dev.veil.gateway.cli;

import dev.veil.tokenizer.error.SafeErrors;
import dev.veil.tokenizer.vault.TokenStoreUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.function.UnaryOperator;

/**
 * Turns standard input into standard output one line at a time. A line that fails is named on
 * standard error by its number and a PII-free reason ({@link SafeErrors}; never its content) and
 * gives an empty output line, so output line N still answers input line N.
 */
final class ValueLines {

    /** Longest value or token line read; a longer one fails alone. */
    static final int MAX_LINE_BYTES = 64 * 1024;

    private ValueLines() {}

    /** Returns the number of lines that failed. */
    static int transform(InputStream in, PrintWriter out, PrintWriter err, UnaryOperator<String> transform) throws IOException {
        InputLines lines = new InputLines(in, MAX_LINE_BYTES);
        int failed = 0;
        for (InputLines.Line line = lines.next(); line != null; line = lines.next()) {
            try {
                if (line.problem() != null) {
                    throw line.problem();
                }
                out.println(transform.apply(line.text()));
            } catch (TokenStoreUnavailableException e) {
                throw e; // the store is down: stop rather than report every later line
            } catch (RuntimeException e) {
                failed++;
                out.println();
                err.println("line " + line.number() + ": " + SafeErrors.describe(e).detail());
            }
        }
        out.flush();
        err.flush();
        return failed;
    }
}
