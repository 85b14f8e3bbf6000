package dev.veil.policy.compile;

/**
 * The longest run of literal characters that every match of an RE2 expression contains, read from
 * the expression's text, so that a policy's own detector skips texts without it before RE2 runs.
 * Conservative: whatever this reader does not understand for certain (alternation at the top,
 * flags, {@code \Q}, {@code \p}, {@code \x}, POSIX classes) gives the empty string, which filters
 * nothing.
 */
final class RequiredLiteral {

    private RequiredLiteral() {}

    /** The required literal of {@code regex}, or "" when there is none this reader can prove. */
    static String of(String regex) {
        try {
            return scan(regex);
        } catch (GiveUp e) {
            return "";
        }
    }

    private static final class GiveUp extends Exception {
        GiveUp() {
            super(null, null, false, false);
        }
    }

    private static String scan(String regex) throws GiveUp {
        String best = "";
        StringBuilder run = new StringBuilder();
        int n = regex.length();
        int i = 0;
        while (i < n) {
            char c = regex.charAt(i);
            int atomEnd;
            int literal = -1; // the literal code point of this atom, if it is one
            switch (c) {
                case '|' -> throw new GiveUp(); // an alternative need not contain the run
                case '\\' -> {
                    if (i + 1 >= n) {
                        throw new GiveUp();
                    }
                    char e = regex.charAt(i + 1);
                    if (Character.isSurrogate(e)) {
                        throw new GiveUp(); // half of a character outside the BMP
                    }
                    if (Character.isLetterOrDigit(e)) {
                        if (e == 'Q' || e == 'p' || e == 'P' || e == 'x' || Character.isDigit(e)) {
                            throw new GiveUp();
                        }
                        literal = -1; // \d, \w, \s, \b ...: a class or an assertion
                    } else {
                        literal = e; // escaped punctuation stands for itself
                    }
                    atomEnd = i + 2;
                }
                case '[' -> atomEnd = classEnd(regex, i);
                case '(' -> {
                    if (i + 1 < n && regex.charAt(i + 1) == '?' && !(i + 2 < n && regex.charAt(i + 2) == ':')) {
                        throw new GiveUp(); // flags such as (?i) change what a literal matches
                    }
                    atomEnd = groupEnd(regex, i);
                }
                case ')', ']', '{', '}', '*', '+', '?' -> throw new GiveUp(); // not where an atom may start
                case '.', '^', '$' -> atomEnd = i + 1;
                default -> {
                    // a character outside the BMP is one atom: a quantifier after it repeats both its halves
                    literal = regex.codePointAt(i);
                    atomEnd = i + Character.charCount(literal);
                }
            }
            // the quantifier after the atom, if any
            int next = atomEnd;
            boolean optional = false;
            boolean repeated = false;
            if (next < n) {
                char q = regex.charAt(next);
                if (q == '*' || q == '?') {
                    optional = true;
                    next++;
                } else if (q == '+') {
                    repeated = true;
                    next++;
                } else if (q == '{') {
                    int close = regex.indexOf('}', next);
                    if (close < 0) {
                        throw new GiveUp();
                    }
                    String bounds = regex.substring(next + 1, close);
                    if (!bounds.matches("[0-9]+(,[0-9]*)?")) {
                        throw new GiveUp();
                    }
                    int min = Integer.parseInt(bounds.split(",", -1)[0]);
                    optional = min == 0;
                    repeated = !bounds.equals("1");
                    next = close + 1;
                }
                if (next < n && (optional || repeated) && regex.charAt(next) == '?') {
                    next++; // lazy: the same characters are required
                }
            }
            if (literal >= 0 && !optional) {
                run.appendCodePoint(literal);
            }
            if (literal < 0 || optional || repeated) {
                if (run.length() > best.length()) {
                    best = run.toString();
                }
                run.setLength(0);
            }
            i = next;
        }
        return run.length() > best.length() ? run.toString() : best;
    }

    private static int classEnd(String regex, int open) throws GiveUp {
        int i = open + 1;
        int n = regex.length();
        if (i < n && regex.charAt(i) == '^') {
            i++;
        }
        if (i < n && regex.charAt(i) == ']') {
            i++; // a leading ] is a member
        }
        while (i < n) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '[') {
                throw new GiveUp(); // [:alpha:] and friends
            } else if (c == ']') {
                return i + 1;
            } else {
                i++;
            }
        }
        throw new GiveUp();
    }

    private static int groupEnd(String regex, int open) throws GiveUp {
        int depth = 0;
        int i = open;
        int n = regex.length();
        while (i < n) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '[') {
                i = classEnd(regex, i);
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i + 1;
            }
            i++;
        }
        throw new GiveUp();
    }
}
