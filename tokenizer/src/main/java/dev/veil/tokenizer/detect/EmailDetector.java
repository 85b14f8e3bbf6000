package dev.veil.tokenizer.detect;

import java.util.List;

/**
 * Finds e-mail addresses: a dot-atom local part, {@code @}, and a domain of at least two labels
 * whose last label (the top-level domain) is letters only. Scans outwards from each {@code @}.
 */
public final class EmailDetector implements Detector {

    /** Stricter than a phone or address pattern: an {@code @} with a valid domain is rarely anything else. */
    private static final double CONFIDENCE = 0.9;
    private static final int MAX_LOCAL = 64;
    private static final int MAX_DOMAIN = 253;
    private static final int MAX_LABEL = 63;

    @Override
    public PiiType type() {
        return PiiType.EMAIL;
    }

    @Override
    public void detect(String text, List<Span> out) {
        int at = text.indexOf('@');
        while (at >= 0) {
            int next = text.indexOf('@', at + 1);
            int start = localPartStart(text, at);
            int end = start < 0 ? -1 : domainEnd(text, at + 1, next < 0 ? text.length() : next);
            if (end > 0) {
                out.add(new Span(PiiType.EMAIL, start, end, CONFIDENCE));
            }
            at = next;
        }
    }

    private static boolean isLocalChar(char c) {
        return c < 128 ? LOCAL_ASCII[c] : Character.isLetterOrDigit(c);
    }

    /** The ASCII characters of a local part, by a table: the test runs on every character before an {@code @}. */
    private static final boolean[] LOCAL_ASCII = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            LOCAL_ASCII[c] = Chars.isAsciiAlnum(c) || ".!#$%&'*+/=?^_`{|}~-".indexOf(c) >= 0;
        }
    }

    private static boolean isDomainChar(char c) {
        return c < 128 ? Chars.isAsciiAlnum(c) || c == '-' : Character.isLetterOrDigit(c);
    }

    /** The start of the local part ending just before {@code at}, or -1 when there is none. */
    static int localPartStart(String text, int at) {
        int start = at;
        while (start > 0 && at - start < MAX_LOCAL + 1 && isLocalChar(text.charAt(start - 1))) {
            start--;
        }
        if (start > 0 && isLocalChar(text.charAt(start - 1))) {
            return -1; // longer than any legal local part
        }
        // punctuation that usually surrounds an address is not part of it
        while (start < at && "'`{|}~.=".indexOf(text.charAt(start)) >= 0) {
            start++;
        }
        if (start == at || text.charAt(at - 1) == '.') {
            return -1;
        }
        for (int i = start + 1; i < at; i++) {
            if (text.charAt(i) == '.' && text.charAt(i - 1) == '.') {
                return -1;
            }
        }
        return start;
    }

    /** The end of the domain starting at {@code from}, or -1 when there is no valid domain. */
    static int domainEnd(String text, int from, int limit) {
        int pos = from;
        int labels = 0;
        int lastLabelStart = from;
        int validEnd = -1;
        while (pos < limit && pos - from <= MAX_DOMAIN) {
            int labelStart = pos;
            while (pos < limit && isDomainChar(text.charAt(pos))) {
                pos++;
            }
            int labelLength = pos - labelStart;
            if (labelLength == 0 || labelLength > MAX_LABEL
                    || text.charAt(labelStart) == '-' || text.charAt(pos - 1) == '-') {
                break;
            }
            labels++;
            lastLabelStart = labelStart;
            if (labels >= 2 && isTopLevel(text, lastLabelStart, pos)) {
                validEnd = pos;
            }
            if (pos + 1 < limit && text.charAt(pos) == '.' && isDomainChar(text.charAt(pos + 1))) {
                pos++;
                continue;
            }
            break;
        }
        return validEnd;
    }

    private static boolean isTopLevel(String text, int start, int end) {
        if (end - start < 2) {
            return false;
        }
        for (int i = start; i < end; i++) {
            if (!Character.isLetter(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
