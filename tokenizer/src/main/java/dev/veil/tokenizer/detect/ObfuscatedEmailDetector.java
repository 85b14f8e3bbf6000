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
    private static final String OPENERS = "[({<";
    private static final String CLOSERS = "])}>";

    @Override
    public PiiType type() {
        return PiiType.EMAIL;
    }

    @Override
    public void detect(String text, TextIndex index, List<Span> out) {
        for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
            int start = at;
            int end = at + 1;
            if (at > 0 && at + 1 < text.length() && OPENERS.indexOf(text.charAt(at - 1)) >= 0
                    && CLOSERS.indexOf(text.charAt(at + 1)) >= 0) {
                start--;
                end++;
            }
            find(text, start, end, true, out);
        }
        // a spoken or bracketed marker ("at", "arroba") opens with an ASCII letter after a blank or an
        // opener, so it stands at one of the index's cue starts (ASCII letters opening a word, fewer than
        // all word starts); a bare test of its first letter keeps this loop small
        int[] starts = index.cueStarts();
        int count = index.cueCount();
        for (int k = 0; k < count; k++) {
            int i = starts[k];
            if ((text.charAt(i) | 0x20) == 'a' && i > 0) {
                marker(text, i, out);
            }
        }
    }

    /** Reports the address around a marker word that may start at {@code i}, an "a" after another character. */
    private static void marker(String text, int i, List<Span> out) {
        char before = text.charAt(i - 1);
        if (OPENERS.indexOf(before) < 0 && !Character.isWhitespace(before)) {
            return; // neither bracketed nor spaced, the two ways a marker counts: most "a" words end here
        }
        int wordEnd = i;
        while (wordEnd < text.length() && Chars.isAsciiLetter(text.charAt(wordEnd)) && wordEnd - i < 7) {
            wordEnd++;
        }
        boolean at = wordEnd - i == 2 && Chars.regionMatchesIgnoreCase(text, i, "at", 0, 2);
        boolean arroba = wordEnd - i == 6 && Chars.regionMatchesIgnoreCase(text, i, "arroba", 0, 6);
        if ((!at && !arroba) || !Chars.wordEndsAt(text, wordEnd)) {
            return;
        }
        boolean bracketed = wordEnd < text.length() && OPENERS.indexOf(before) >= 0
                && OPENERS.indexOf(before) == CLOSERS.indexOf(text.charAt(wordEnd));
        if (bracketed) {
            find(text, i - 1, wordEnd + 1, true, out);
        } else if (spaced(text, i, wordEnd)) {
            find(text, i, wordEnd, arroba, out);
        }
    }

    private static boolean spaced(String text, int start, int end) {
        return start > 0 && end < text.length() && Character.isWhitespace(text.charAt(start - 1))
                && Character.isWhitespace(text.charAt(end));
    }

    /** Reads a local part before {@code [markStart, markEnd)} and a domain after it, and reports the address. */
    private static void find(String text, int markStart, int markEnd, boolean strongAt, List<Span> out) {
        int localEnd = skipSpaceBack(text, markStart);
        int localStart = localEnd;
        while (localStart > 0 && localEnd - localStart < MAX_LOCAL && isLocalChar(text.charAt(localStart - 1))) {
            localStart--;
        }
        while (localStart < localEnd && ".-+_".indexOf(text.charAt(localStart)) >= 0) {
            localStart++;
        }
        if (localStart == localEnd || (localStart > 0 && isLocalChar(text.charAt(localStart - 1)))
                || text.charAt(localEnd - 1) == '.') {
            return;
        }
        int pos = skipSpace(text, markEnd, true);
        int labels = 0;
        boolean spokenDot = false;
        int validEnd = -1;
        boolean validSpoken = false;
        while (labels < MAX_LABELS) {
            int labelEnd = pos;
            while (labelEnd < text.length() && labelEnd - pos <= MAX_LABEL && isDomainChar(text.charAt(labelEnd))) {
                labelEnd++;
            }
            if (labelEnd == pos || text.charAt(pos) == '-' || text.charAt(labelEnd - 1) == '-') {
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
            spokenDot |= text.charAt(mark) != '.';
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
    private static int dotEnd(String text, int pos) {
        int p = skipSpace(text, pos, false);
        int n = text.length();
        if (p >= n) {
            return -1;
        }
        int after;
        char c = text.charAt(p);
        if (c == '.') {
            // "acme . com" or "acme.com", but not the full stop of "acme.com. Thanks"
            if (p + 1 < n && text.charAt(p + 1) == ' ' && p == pos) {
                return -1;
            }
            after = p + 1;
        } else {
            int open = OPENERS.indexOf(c);
            int w = open >= 0 ? p + 1 : p;
            int wordEnd = w;
            while (wordEnd < n && Chars.isAsciiLetter(text.charAt(wordEnd)) && wordEnd - w < 6) {
                wordEnd++;
            }
            boolean word = (wordEnd - w == 3 && Chars.regionMatchesIgnoreCase(text, w, "dot", 0, 3))
                    || (wordEnd - w == 5 && Chars.regionMatchesIgnoreCase(text, w, "punto", 0, 5));
            if (!word) {
                return -1;
            }
            if (open >= 0) {
                if (wordEnd >= n || CLOSERS.indexOf(text.charAt(wordEnd)) != open) {
                    return -1;
                }
                after = wordEnd + 1;
            } else {
                // a spoken dot stands apart: "acme dot com"
                if (p == pos || wordEnd >= n || text.charAt(wordEnd) != ' ') {
                    return -1;
                }
                after = wordEnd;
            }
        }
        int q = skipSpace(text, after, false);
        return q < n && isDomainChar(text.charAt(q)) ? q : -1;
    }

    private static boolean topLevel(String text, int start, int end) {
        if (end - start < 2 || end - start > 6) {
            return false;
        }
        for (int i = start; i < end; i++) {
            if (!Chars.isAsciiLetter(text.charAt(i))) {
                return false;
            }
        }
        return Chars.wordEndsAt(text, end);
    }

    /** Skips up to two spaces, and (if {@code lineBreak}) one line break, from {@code pos}. */
    private static int skipSpace(String text, int pos, boolean lineBreak) {
        int p = pos;
        int n = text.length();
        boolean broke = false;
        while (p < n && p - pos < 3) {
            char c = text.charAt(p);
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

    private static int skipSpaceBack(String text, int pos) {
        int p = pos;
        while (p > 0 && pos - p < 2 && (text.charAt(p - 1) == ' ' || text.charAt(p - 1) == '\t')) {
            p--;
        }
        return p;
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
