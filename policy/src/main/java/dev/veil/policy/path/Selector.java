package dev.veil.policy.path;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed selector in Veil's JSONPath subset: {@code $} followed by {@code .name},
 * {@code ['quoted name']}, {@code [n]}, {@code .*} or {@code [*]}, and recursive {@code ..name},
 * {@code ..['quoted name']}, {@code ..[n]} or {@code ..*}. Immutable; equal selectors have equal
 * {@link #text() canonical text}.
 */
public final class Selector {

    /** Longest selector accepted, in characters. */
    public static final int MAX_LENGTH = 512;
    /** Most segments accepted after {@code $}. */
    public static final int MAX_SEGMENTS = 32;

    private static final int MAX_INDEX_DIGITS = 9;

    private final String text;
    private final List<Segment> segments;

    private Selector(List<Segment> segments) {
        this.segments = List.copyOf(segments);
        StringBuilder out = new StringBuilder("$");
        for (Segment segment : segments) {
            segment.appendTo(out);
        }
        this.text = out.toString();
    }

    /**
     * Parses {@code text}.
     *
     * @throws SelectorSyntaxException naming the position and what was expected there
     */
    public static Selector parse(String text) {
        requireNonNull(text, "text");
        return new Parser(text).parse();
    }

    /** The selector in canonical syntax, for example {@code $.ticket['custom fields'][*]}. */
    public String text() {
        return text;
    }

    /** The segments after {@code $}; empty for the root selector. */
    public List<Segment> segments() {
        return segments;
    }

    /**
     * How precisely this selector names its target: exact names and indexes count two, recursive
     * names and indexes one, wildcards nothing.
     */
    public int specificity() {
        int score = 0;
        for (Segment segment : segments) {
            if (segment.kind() != Segment.Kind.WILDCARD) {
                score += segment.descendant() ? 1 : 2;
            }
        }
        return score;
    }

    static boolean isPlainName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isNameChar(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Selector that && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }

    /** A hand-written recursive descent parser; selectors are short and the grammar is tiny. */
    private static final class Parser {

        private final String in;
        private int pos;

        Parser(String in) {
            this.in = in;
        }

        Selector parse() {
            if (in.length() > MAX_LENGTH) {
                throw error("selector is " + in.length() + " characters long (expected: at most " + MAX_LENGTH + ")", MAX_LENGTH);
            }
            if (!in.startsWith("$")) {
                throw error("expected: '$' at the start of the selector", 0);
            }
            pos = 1;
            List<Segment> segments = new ArrayList<>();
            while (pos < in.length()) {
                if (segments.size() == MAX_SEGMENTS) {
                    throw error("more than " + MAX_SEGMENTS + " segments (expected: at most " + MAX_SEGMENTS + ")", pos);
                }
                segments.add(segment());
            }
            return new Selector(segments);
        }

        private Segment segment() {
            char c = in.charAt(pos);
            if (c == '[') {
                return bracket(false);
            }
            if (c != '.') {
                throw error("unexpected '" + c + "' (expected: '.', '..' or '[')", pos);
            }
            pos++;
            boolean descendant = false;
            if (pos < in.length() && in.charAt(pos) == '.') {
                descendant = true;
                pos++;
                if (pos < in.length() && in.charAt(pos) == '[') {
                    return bracket(true);
                }
            }
            if (pos < in.length() && in.charAt(pos) == '*') {
                pos++;
                return Segment.wildcard(descendant);
            }
            int start = pos;
            while (pos < in.length() && isNameChar(in.charAt(pos))) {
                pos++;
            }
            if (start == pos) {
                throw error(pos < in.length()
                        ? "unexpected '" + in.charAt(pos) + "' (expected: a name, '*' or, for other characters, ['quoted name'])"
                        : "selector ends after '.' (expected: a name or '*')", pos);
            }
            return Segment.name(in.substring(start, pos), descendant);
        }

        private Segment bracket(boolean descendant) {
            int open = pos;
            pos++;
            if (pos >= in.length()) {
                throw error("unclosed '[' (expected: ['name'], [n] or [*])", open);
            }
            char c = in.charAt(pos);
            Segment segment;
            if (c == '*') {
                pos++;
                segment = Segment.wildcard(descendant);
            } else if (c == '\'' || c == '"') {
                segment = Segment.name(quoted(c), descendant);
            } else if (c >= '0' && c <= '9') {
                segment = Segment.index(index(), descendant);
            } else if (c == '-') {
                throw error("negative index (expected: an index from 0)", pos);
            } else {
                throw error("unexpected '" + c + "' after '[' (expected: a quoted name, an index or '*')", pos);
            }
            if (pos >= in.length() || in.charAt(pos) != ']') {
                throw error("unclosed '[' (expected: ']')", pos);
            }
            pos++;
            return segment;
        }

        private String quoted(char quote) {
            int open = pos;
            pos++;
            StringBuilder name = new StringBuilder();
            while (pos < in.length()) {
                char c = in.charAt(pos++);
                if (c == quote) {
                    if (name.length() == 0) {
                        throw error("empty quoted name (expected: at least one character)", open);
                    }
                    return name.toString();
                }
                if (c == '\\') {
                    if (pos >= in.length()) {
                        break;
                    }
                    char escaped = in.charAt(pos++);
                    if (escaped != '\'' && escaped != '"' && escaped != '\\') {
                        throw error("unknown escape '\\" + escaped + "' (expected: \\' \\\" or \\\\)", pos - 2);
                    }
                    name.append(escaped);
                } else {
                    name.append(c);
                }
            }
            throw error("unclosed quoted name (expected: a closing " + quote + ")", open);
        }

        private int index() {
            int start = pos;
            while (pos < in.length() && in.charAt(pos) >= '0' && in.charAt(pos) <= '9') {
                pos++;
            }
            String digits = in.substring(start, pos);
            if (digits.length() > 1 && digits.charAt(0) == '0') {
                throw error("index " + digits + " has a leading zero (expected: a plain number)", start);
            }
            if (digits.length() > MAX_INDEX_DIGITS) {
                throw error("index " + digits + " is too large (expected: at most " + MAX_INDEX_DIGITS + " digits)", start);
            }
            return Integer.parseInt(digits);
        }

        private SelectorSyntaxException error(String message, int at) {
            return new SelectorSyntaxException(message, at);
        }
    }
}
