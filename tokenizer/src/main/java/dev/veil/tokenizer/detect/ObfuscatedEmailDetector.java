package dev.veil.tokenizer.detect;

import java.util.List;

/**
 * Finds e-mail addresses written so that a scraper would miss them: {@code name at domain dot com},
 * {@code name [at] domain.com}, {@code name @ domain . com}, {@code nombre arroba dominio punto es},
 * or with a line break after the {@code @}. A plain "at" counts only with a spoken or bracketed dot.
 */
public final class ObfuscatedEmailDetector implements IndexedDetector {

    private static final double BRACKETED = Confidence.STRICT_FORMAT;
    private static final double SPOKEN = 0.8;
    private static final int MAX_LOCAL = 64;
    private static final int MAX_LABELS = 6;
    private static final int MAX_LABEL = 63;
    /** The spoken markers' openings: most words opening with "a" ("and", "are", "a") open neither. */
    private static final PhraseOpenings MARKERS = new PhraseOpenings("at", "arroba");

    @Override
    public PiiType type() {
        return PiiType.EMAIL;
    }

    @Override
    public void detect(String source, TextIndex index, List<Span> out) {
        // the index's copy of the characters: no checked charAt in the scans below
        char[] text = index.chars();
        for (int at = source.indexOf('@'); at >= 0; at = source.indexOf('@', at + 1)) {
            int start = at;
            int end = at + 1;
            if (at > 0 && at + 1 < text.length && opener(text[at - 1]) >= 0
                    && closer(text[at + 1]) >= 0) {
                start--;
                end++;
            }
            find(text, start, end, true, out);
        }
        // a spoken or bracketed marker ("at", "arroba") opens with an ASCII letter after a blank or an
        // opener, so it stands at one of the index's cue starts (ASCII letters opening a word, fewer than
        // all word starts); a test of its first letter and then of its first three characters ("at ", "arr") keeps this loop small
        int[] starts = index.cueStarts();
        int count = index.cueCount();
        for (int k = 0; k < count; k++) {
            int i = starts[k];
            if ((text[i] | 0x20) == 'a' && i > 0 && MARKERS.mayOpen(text, i, false)) {
                marker(text, i, out);
            }
        }
    }

    /** Reports the address around a marker word that may start at {@code i}, after another character. */
    private static void marker(char[] text, int i, List<Span> out) {
        char before = text[i - 1];
        if (opener(before) < 0 && !Character.isWhitespace(before)) {
            return; // neither bracketed nor spaced, the two ways a marker counts: most "a" words end here
        }
        int wordEnd = i;
        while (wordEnd < text.length && Chars.isAsciiLetter(text[wordEnd]) && wordEnd - i < 7) {
            wordEnd++;
        }
        boolean at = wordEnd - i == 2 && asciiIgnoringCase(text, i, "at");
        boolean arroba = wordEnd - i == 6 && asciiIgnoringCase(text, i, "arroba");
        if ((!at && !arroba) || !wordEndsAt(text, wordEnd)) {
            return;
        }
        boolean bracketed = wordEnd < text.length && opener(before) >= 0 && opener(before) == closer(text[wordEnd]);
        if (bracketed) {
            find(text, i - 1, wordEnd + 1, true, out);
        } else if (spaced(text, i, wordEnd)) {
            find(text, i, wordEnd, arroba, out);
        }
    }

    private static boolean spaced(char[] text, int start, int end) {
        return start > 0 && end < text.length && Character.isWhitespace(text[start - 1])
                && Character.isWhitespace(text[end]);
    }

    /** Reads a local part before {@code [markStart, markEnd)} and a domain after it, and reports the address. */
    private static void find(char[] text, int markStart, int markEnd, boolean strongAt, List<Span> out) {
        int localEnd = skipSpaceBack(text, markStart);
        int localStart = localEnd;
        while (localStart > 0 && localEnd - localStart < MAX_LOCAL && isLocalChar(text[localStart - 1])) {
            localStart--;
        }
        while (localStart < localEnd && leadingJoiner(text[localStart])) {
            localStart++;
        }
        if (localStart == localEnd || (localStart > 0 && isLocalChar(text[localStart - 1]))
                || text[localEnd - 1] == '.') {
            return;
        }
        int pos = skipSpace(text, markEnd, true);
        int labels = 0;
        boolean spokenDot = false;
        int validEnd = -1;
        boolean validSpoken = false;
        while (labels < MAX_LABELS) {
            int labelEnd = pos;
            while (labelEnd < text.length && labelEnd - pos <= MAX_LABEL && isDomainChar(text[labelEnd])) {
                labelEnd++;
            }
            if (labelEnd == pos || text[pos] == '-' || text[labelEnd - 1] == '-') {
                break;
            }
            labels++;
            // the longest run of labels that ends in a top-level domain: "acme.com. Thanks" ends at "com"
            if (labels >= 2 && topLevel(text, pos, labelEnd)) {
                validEnd = labelEnd;
                validSpoken = spokenDot;
            }
            int dot = dotEnd(text, labelEnd);
            if (dot < 0) {
                break;
            }
            int mark = skipSpace(text, labelEnd, false);
            spokenDot |= text[mark] != '.';
            pos = dot;
        }
        if (validEnd < 0) {
            return;
        }
        if (!strongAt && !validSpoken) {
            return; // "I work at acme.com" is not an address; "ana at acme dot com" is
        }
        // a plain address is found by the e-mail detector too, with more confidence: that span wins
        out.add(new Span(PiiType.EMAIL, localStart, validEnd, strongAt ? BRACKETED : SPOKEN));
    }

    /** The end of a dot between labels ({@code .}, {@code  . }, {@code dot}, {@code [dot]}, {@code punto}) at {@code pos}, or -1. */
    private static int dotEnd(char[] text, int pos) {
        int p = skipSpace(text, pos, false);
        int n = text.length;
        if (p >= n) {
            return -1;
        }
        int after;
        char c = text[p];
        if (c == '.') {
            // "acme . com" or "acme.com", but not the full stop of "acme.com. Thanks"
            if (p + 1 < n && text[p + 1] == ' ' && p == pos) {
                return -1;
            }
            after = p + 1;
        } else {
            int open = opener(c);
            int w = open >= 0 ? p + 1 : p;
            int wordEnd = w;
            while (wordEnd < n && Chars.isAsciiLetter(text[wordEnd]) && wordEnd - w < 6) {
                wordEnd++;
            }
            boolean word = (wordEnd - w == 3 && asciiIgnoringCase(text, w, "dot"))
                    || (wordEnd - w == 5 && asciiIgnoringCase(text, w, "punto"));
            if (!word) {
                return -1;
            }
            if (open >= 0) {
                if (wordEnd >= n || closer(text[wordEnd]) != open) {
                    return -1;
                }
                after = wordEnd + 1;
            } else {
                // a spoken dot stands apart: "acme dot com"
                if (p == pos || wordEnd >= n || text[wordEnd] != ' ') {
                    return -1;
                }
                after = wordEnd;
            }
        }
        int q = skipSpace(text, after, false);
        return q < n && isDomainChar(text[q]) ? q : -1;
    }

    private static boolean topLevel(char[] text, int start, int end) {
        if (end - start < 2 || end - start > 6) {
            return false;
        }
        for (int i = start; i < end; i++) {
            if (!Chars.isAsciiLetter(text[i])) {
                return false;
            }
        }
        return wordEndsAt(text, end);
    }

    /** {@link Chars#wordEndsAt} on the characters. */
    private static boolean wordEndsAt(char[] text, int end) {
        return end >= text.length || !Chars.isWordChar(text[end]);
    }

    /**
     * Whether {@code word} (lower case) stands at {@code i}, where the caller has read only ASCII
     * letters: {@link Chars#regionMatchesIgnoreCase}'s answer, which for ASCII folds case alone.
     */
    private static boolean asciiIgnoringCase(char[] text, int i, String word) {
        for (int k = 0; k < word.length(); k++) {
            if ((text[i + k] | 0x20) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Skips up to two spaces, and (if {@code lineBreak}) one line break, from {@code pos}. */
    private static int skipSpace(char[] text, int pos, boolean lineBreak) {
        int p = pos;
        int n = text.length;
        boolean broke = false;
        while (p < n && p - pos < 3) {
            char c = text[p];
            if (c == ' ' || c == '\t') {
                p++;
            } else if (lineBreak && !broke && (c == '\n' || c == '\r')) {
                broke = c == '\n';
                p++;
            } else {
                break;
            }
        }
        return p;
    }

    private static int skipSpaceBack(char[] text, int pos) {
        int p = pos;
        while (p > 0 && pos - p < 2 && (text[p - 1] == ' ' || text[p - 1] == '\t')) {
            p--;
        }
        return p;
    }

    /*
     * The brackets by a switch rather than String.indexOf: that call tests whether its argument fits
     * Latin-1 before it searches, and runs for every label and marker read.
     */

    /** Which of {@code [ ( { <} {@code c} is (0 to 3), or -1. */
    private static int opener(char c) {
        return switch (c) {
            case '[' -> 0;
            case '(' -> 1;
            case '{' -> 2;
            case '<' -> 3;
            default -> -1;
        };
    }

    /** Which of {@code ] ) } >} {@code c} is (0 to 3, as its {@link #opener}), or -1. */
    private static int closer(char c) {
        return switch (c) {
            case ']' -> 0;
            case ')' -> 1;
            case '}' -> 2;
            case '>' -> 3;
            default -> -1;
        };
    }

    /** {@code . - + _}: a local part does not start with one. */
    private static boolean leadingJoiner(char c) {
        return c == '.' || c == '-' || c == '+' || c == '_';
    }

    /** A dot-atom character, braces left out: they bracket a marker ({@code name{at}domain}). */
    private static boolean isLocalChar(char c) {
        return c < 128 ? LOCAL_ASCII[c] : Character.isLetterOrDigit(c);
    }

    /** The ASCII characters of a local part, by a table: the test runs on every character before an {@code @}. */
    private static final boolean[] LOCAL_ASCII = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            LOCAL_ASCII[c] = Chars.isAsciiAlnum(c) || ".!#$%&'*+/=?^_`|~-".indexOf(c) >= 0;
        }
    }

    private static boolean isDomainChar(char c) {
        return c < 128 ? Chars.isAsciiAlnum(c) || c == '-' : Character.isLetterOrDigit(c);
    }
}
