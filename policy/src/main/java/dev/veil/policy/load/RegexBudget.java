package dev.veil.policy.load;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Bounds what a policy's RE2 expression costs before RE2/J ever compiles it, as RE2 itself does.
 * RE2/J expands counted repetition while compiling ({@code (a{1000}){1000}} becomes a million
 * instructions, {@code ((a{1000}){1000}){1000}} exhausts the heap) and has no limit of its own, and
 * matching time grows with the program: linear in the text is not enough.
 *
 * <p>Two limits, checked on the expression's syntax in time linear in its length: the counts of
 * nested counted repetitions multiply to at most {@value #MAX_REPEAT} (RE2's {@code kMaxRepeat} rule),
 * and an upper bound of the compiled program, where {@code x{n,m}} costs {@code m} copies of
 * {@code x}, is at most {@value #MAX_PROGRAM_SIZE} instructions. Syntax errors are left to RE2/J.
 */
public final class RegexBudget {

    /** Largest product of the counts of nested counted repetitions, as in RE2. */
    public static final int MAX_REPEAT = 1000;
    /** Largest estimated program, in instructions (RE2 counts one per literal, class, split or capture). */
    public static final int MAX_PROGRAM_SIZE = 1000;

    private static final long CAP = 1L << 40;

    private final String regex;
    private int pos;

    private RegexBudget(String regex) {
        this.regex = regex;
    }

    /** Why {@code regex} is too costly to compile, or empty when it is within both limits. */
    public static Optional<String> problem(String regex) {
        requireNonNull(regex, "regex");
        RegexBudget budget = new RegexBudget(regex);
        Cost cost = budget.alternation();
        while (budget.pos < regex.length()) { // a stray ')' is RE2/J's to report; count the rest anyway
            budget.pos++;
            cost = cost.then(budget.alternation());
        }
        if (cost.repeat() > MAX_REPEAT) {
            return Optional.of("counted repetitions nest to " + cost.repeat() + " repeats (expected: their counts multiply to at most "
                    + MAX_REPEAT + ", as in RE2)");
        }
        if (cost.size() > MAX_PROGRAM_SIZE) {
            return Optional.of("regex compiles to about " + (cost.size() >= CAP ? "more than " + CAP : cost.size())
                    + " instructions (expected: at most " + MAX_PROGRAM_SIZE + "; x{n} counts as n copies of x)");
        }
        return Optional.empty();
    }

    /** The estimated program size and the largest product of nested repetition counts. */
    private record Cost(long size, long repeat) {

        static final Cost ONE = new Cost(1, 1);

        Cost then(Cost next) {
            return new Cost(sat(size + next.size), Math.max(repeat, next.repeat));
        }
    }

    private Cost alternation() {
        Cost cost = concatenation();
        while (pos < regex.length() && regex.charAt(pos) == '|') {
            pos++;
            Cost branch = concatenation();
            cost = new Cost(sat(cost.size() + branch.size() + 1), Math.max(cost.repeat(), branch.repeat()));
        }
        return cost;
    }

    private Cost concatenation() {
        Cost cost = new Cost(0, 1);
        while (pos < regex.length() && regex.charAt(pos) != '|' && regex.charAt(pos) != ')') {
            cost = cost.then(repeated());
        }
        return cost;
    }

    private Cost repeated() {
        Cost cost = atom();
        while (pos < regex.length()) {
            char c = regex.charAt(pos);
            if (c == '*' || c == '+' || c == '?') {
                pos++;
                cost = new Cost(sat(cost.size() + 1), cost.repeat());
            } else if (c == '{' && counted()) {
                long min = number();
                long max = min;
                if (regex.charAt(pos) == ',') {
                    pos++;
                    max = regex.charAt(pos) == '}' ? -1 : number();
                }
                pos++; // '}'
                long count = Math.max(1, max < 0 ? min : max);
                // x{n,} is n copies and a loop; x{n,m} is m copies with m - n of them optional
                long copies = max < 0 ? min + 1 : max;
                cost = new Cost(sat(mul(Math.max(1, copies), cost.size()) + Math.max(0, copies - min) + 1), mul(cost.repeat(), count));
            } else {
                break;
            }
            if (pos < regex.length() && regex.charAt(pos) == '?') {
                pos++; // non-greedy
            }
        }
        return cost;
    }

    /** Whether a well-formed {@code {n}}, {@code {n,}} or {@code {n,m}} starts at {@code pos}; RE2 reads any other '{' as a literal. */
    private boolean counted() {
        int i = pos + 1;
        int digits = 0;
        while (i < regex.length() && Character.isDigit(regex.charAt(i))) {
            i++;
            digits++;
        }
        if (digits == 0 || i >= regex.length()) {
            return false;
        }
        if (regex.charAt(i) == ',') {
            i++;
            while (i < regex.length() && Character.isDigit(regex.charAt(i))) {
                i++;
            }
        }
        if (i < regex.length() && regex.charAt(i) == '}') {
            pos++; // past '{'
            return true;
        }
        return false;
    }

    private long number() {
        long value = 0;
        while (pos < regex.length() && Character.isDigit(regex.charAt(pos))) {
            value = Math.min(CAP, value * 10 + (regex.charAt(pos++) - '0'));
        }
        return value;
    }

    private Cost atom() {
        char c = regex.charAt(pos);
        switch (c) {
            case '(' -> {
                pos++;
                boolean capturing = true;
                if (pos < regex.length() && regex.charAt(pos) == '?') {
                    // (?:x), (?P<name>x), (?<name>x) or flags (?i) / (?i:x)
                    int close = pos;
                    while (close < regex.length() && regex.charAt(close) != ')' && regex.charAt(close) != ':' && regex.charAt(close) != '>') {
                        close++;
                    }
                    if (close < regex.length() && regex.charAt(close) == ')') {
                        pos = close + 1; // flags only: no instruction
                        return new Cost(0, 1);
                    }
                    capturing = close < regex.length() && regex.charAt(close) == '>';
                    pos = Math.min(regex.length(), close + 1);
                }
                Cost inner = alternation();
                if (pos < regex.length()) {
                    pos++; // ')'
                }
                return capturing ? new Cost(sat(inner.size() + 2), inner.repeat()) : inner;
            }
            case '[' -> {
                skipClass();
                return Cost.ONE;
            }
            case '\\' -> {
                return escape();
            }
            default -> {
                pos++;
                return Cost.ONE;
            }
        }
    }

    private Cost escape() {
        pos++; // '\'
        if (pos >= regex.length()) {
            return Cost.ONE;
        }
        char c = regex.charAt(pos++);
        if (c == 'Q') {
            // \Q...\E: every character literal
            int end = regex.indexOf("\\E", pos);
            int length = (end < 0 ? regex.length() : end) - pos;
            pos = end < 0 ? regex.length() : end + 2;
            return new Cost(Math.max(1, length), 1);
        }
        skipEscapeArgument(c);
        return Cost.ONE;
    }

    /** After {@code \p}, {@code \P} or {@code \x}: skips {@code {...}} or the one-letter argument. */
    private void skipEscapeArgument(char c) {
        if ((c == 'p' || c == 'P' || c == 'x') && pos < regex.length()) {
            if (regex.charAt(pos) == '{') {
                int end = regex.indexOf('}', pos);
                pos = end < 0 ? regex.length() : end + 1;
            } else {
                pos = Math.min(regex.length(), pos + (c == 'x' ? 2 : 1));
            }
        }
    }

    private void skipClass() {
        pos++; // '['
        if (pos < regex.length() && regex.charAt(pos) == '^') {
            pos++;
        }
        if (pos < regex.length() && regex.charAt(pos) == ']') {
            pos++; // a leading ']' is literal
        }
        while (pos < regex.length() && regex.charAt(pos) != ']') {
            char c = regex.charAt(pos++);
            if (c == '\\' && pos < regex.length()) {
                skipEscapeArgument(regex.charAt(pos++));
            } else if (c == '[' && pos < regex.length() && regex.charAt(pos) == ':') {
                int end = regex.indexOf(":]", pos);
                pos = end < 0 ? pos : end + 2;
            }
        }
        pos = Math.min(regex.length(), pos + 1); // ']'
    }

    private static long mul(long a, long b) {
        return a != 0 && b > CAP / a ? CAP : sat(a * b);
    }

    private static long sat(long value) {
        return value < 0 || value > CAP ? CAP : value;
    }
}
