package dev.veil.gateway.cli;

import dev.veil.tokenizer.error.VeilException;

/**
 * A command was given something it cannot use: an option or file ({@value #USAGE},
 * {@value #NO_SUCH_FILE}, {@value #UNREADABLE_FILE}) or an input past a limit
 * ({@value #INPUT_TOO_LARGE}, {@value #LINE_TOO_LONG}) or not text ({@value #INVALID_TEXT}). The detail
 * names options, files and limits, never input content.
 */
final class UsageException extends VeilException {

    static final String USAGE = "usage_error";
    static final String NO_SUCH_FILE = "no_such_file";
    static final String UNREADABLE_FILE = "unreadable_file";
    static final String INPUT_TOO_LARGE = "input_too_large";
    static final String LINE_TOO_LONG = "line_too_long";
    static final String INVALID_TEXT = "invalid_text";

    UsageException(String code, String detail) {
        super(code, detail);
    }

    static UsageException usage(String detail) {
        return new UsageException(USAGE, detail);
    }
}
