package dev.veil.gateway.cli;

import dev.veil.tokenizer.error.VeilException;
import dev.veil.tokenizer.token.TokenizationException;
import dev.veil.tokenizer.vault.TokenStoreUnavailableException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * Turns standard input into standard output one line at a time. A line that fails is named on
 * standard error by its number and the reason (never its content) and gives an empty output
 * line, so output line N still answers input line N.
 */
final class ValueLines {

    private ValueLines() {}

    /** Returns the number of lines that failed. */
    static int transform(InputStream in, PrintWriter out, PrintWriter err, UnaryOperator<String> transform) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int failed = 0;
        long number = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            number++;
            try {
                out.println(transform.apply(line));
            } catch (TokenizationException | IllegalArgumentException e) {
                failed++;
                out.println();
                err.println("line " + number + ": " + e.getMessage());
            } catch (VeilException e) {
                if (e instanceof TokenStoreUnavailableException) {
                    throw e; // the store is down: stop rather than report every later line
                }
                failed++;
                out.println();
                err.println("line " + number + ": " + e.detail());
            }
        }
        out.flush();
        err.flush();
        return failed;
    }
}
