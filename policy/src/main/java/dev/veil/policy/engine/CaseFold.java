package dev.veil.policy.engine;

/**
 * How RE2's {@code (?i)} compares one character of a known literal with one character of a text,
 * decided in Java where that can be done exactly, so that RE2 runs only where it cannot.
 * RE2 compares by Unicode simple case folding. Within ASCII that is ASCII case folding; the only
 * characters outside ASCII that fold into ASCII are the Kelvin sign (with {@code k}) and the long
 * s (with {@code s}); and within Latin-1 and Latin Extended-A and B a letter folds with the other
 * case Java maps it to ({@code í} with {@code Í}). {@code KnownValuesFilterTest} checks each premise
 * against RE2 itself: the first over all of Unicode, the last over every pair of that range.
 */
final class CaseFold {

    static final int NO = 0;
    static final int YES = 1;
    /**
     * Only RE2 can tell: two different characters outside ASCII, not both in
     * {@link #LATIN_FIRST}..{@link #LATIN_LAST}; or half of a surrogate pair.
     */
    static final int UNDECIDED = 2;

    static final char KELVIN = '\u212A';
    static final char LONG_S = '\u017F';
    static final char LATIN_FIRST = '\u0080';
    static final char LATIN_LAST = '\u024F';

    private CaseFold() {}

    /**
     * A literal's character as the tries store it: literals are lower case already; the long s
     * folds with {@code s} and nothing else, so it is stored as {@code s}.
     */
    static char key(char literal) {
        return literal == LONG_S ? 's' : literal;
    }

    /**
     * A text character as it is compared with ASCII keys: ASCII letters in lower case, the Kelvin
     * sign as {@code k}, the long s as {@code s}; every other character as it is.
     */
    static char ascii(char text) {
        if (text >= 'A' && text <= 'Z') {
            return (char) (text + ('a' - 'A'));
        }
        return text == KELVIN ? 'k' : text == LONG_S ? 's' : text;
    }

    /** Whether the text character {@code text} matches the stored key {@code key} ({@link #key}) under RE2's {@code (?i)}. */
    static int matches(char key, char text) {
        if (key < 128) {
            return ascii(text) == key ? YES : NO;
        }
        if (Character.isSurrogate(key) || Character.isSurrogate(text)) {
            // RE2 compares code points: half of a pair against half of another may be out of step
            return UNDECIDED;
        }
        if (text == key) {
            return YES;
        }
        if (text < 128) {
            return NO; // an ASCII character folds only with ASCII ones, the Kelvin sign and the long s, and none of those is a key here
        }
        if (key >= LATIN_FIRST && key <= LATIN_LAST && text >= LATIN_FIRST && text <= LATIN_LAST) {
            char folded = canonical(key);
            return folded >= 128 && folded == canonical(text) ? YES : NO;
        }
        return UNDECIDED;
    }

    /** One character for each pair of cases: upper, then lower, as Java maps single characters. */
    static char canonical(char c) {
        return Character.toLowerCase(Character.toUpperCase(c));
    }
}
