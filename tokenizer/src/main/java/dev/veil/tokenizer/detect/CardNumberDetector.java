package dev.veil.tokenizer.detect;

import dev.veil.tokenizer.token.Luhn;
import java.nio.CharBuffer;
import java.util.List;

/**
 * Finds payment card numbers: 13 to 19 digits, contiguous or grouped with spaces or dashes, in a
 * known issuer range and Luhn-valid (12-digit Maestro numbers only next to a card word).
 */
public final class CardNumberDetector implements IndexedDetector {

    static final ContextWords CONTEXT = ContextWords.of(
            "card", "credit card", "debit card", "cc", "visa", "mastercard", "amex", "american express",
            "discover", "jcb", "diners", "unionpay", "maestro", "pan", "card number", "card no",
            "tarjeta", "tarjeta de crédito", "tarjeta de credito", "tarjeta de débito", "nº de tarjeta",
            "número de tarjeta", "numero de tarjeta", "crédito", "credito", "débito", "debito");
    private static final int CONTEXT_WINDOW = 40;
    private static final double UNKNOWN_ISSUER = Confidence.STRICT_FORMAT;
    private static final int MAX_GROUPS = 8;
    private static final int MAX_DIGITS = 19;

    @Override
    public PiiType type() {
        return PiiType.CARD_NUMBER;
    }

    @Override
    public void detect(String text, TextIndex index, List<Span> out) {
        int n = text.length();
        int[] starts = index.numberStarts();
        int count = index.numberCount();
        int[] groupEnds = new int[MAX_GROUPS];
        int[] groupDigits = new int[MAX_GROUPS];
        char[] digits = new char[MAX_DIGITS + 1];
        int i = 0;
        for (int k = 0; k < count; k++) {
            int start = starts[k];
            if (start < i || !Chars.isDigit(text.charAt(start))) {
                continue;
            }
            int groups = 0;
            int total = 0;
            char separator = 0;
            boolean mixedSeparators = false;
            int pos = start;
            while (true) {
                int groupStart = pos;
                while (pos < n && Chars.isDigit(text.charAt(pos))) {
                    if (total <= MAX_DIGITS) {
                        digits[total] = text.charAt(pos);
                    }
                    total++;
                    pos++;
                }
                if (groups < MAX_GROUPS) {
                    groupEnds[groups] = pos;
                    groupDigits[groups] = pos - groupStart;
                }
                groups++;
                if (pos + 1 < n && (text.charAt(pos) == ' ' || text.charAt(pos) == '-') && Chars.isDigit(text.charAt(pos + 1))) {
                    char sep = text.charAt(pos);
                    mixedSeparators |= separator != 0 && sep != separator;
                    separator = sep;
                    pos++;
                    continue;
                }
                break;
            }
            if (!mixedSeparators) {
                findIn(text, start, Math.min(groups, MAX_GROUPS), groupEnds, groupDigits, digits, groups <= MAX_GROUPS, out);
            }
            i = pos;
            // skip the rest of a digit run glued to letters so its tail is not a new start
            while (i < n && Chars.isWordChar(text.charAt(i))) {
                i++;
            }
        }
    }

    /** Tries the whole run of groups, then shorter runs ending at a group boundary, longest first. */
    private static void findIn(String text, int start, int groups, int[] groupEnds, int[] groupDigits, char[] digits,
            boolean wholeRunKnown, List<Span> out) {
        int count = 0;
        int[] prefixDigits = new int[groups];
        for (int g = 0; g < groups; g++) {
            count += groupDigits[g];
            prefixDigits[g] = count;
        }
        for (int g = groups - 1; g >= 0; g--) {
            int length = prefixDigits[g];
            int end = groupEnds[g];
            boolean whole = g == groups - 1 && wholeRunKnown;
            if (length > MAX_DIGITS || length < 12) {
                continue;
            }
            if (whole && !Chars.numberEndsAt(text, end)) {
                continue;
            }
            if (!groupingValid(groupDigits, g + 1) || !Luhn.isValid(CharBuffer.wrap(digits, 0, length))) {
                continue;
            }
            boolean context = CONTEXT.before(text, start, CONTEXT_WINDOW);
            boolean known = issuerAccepts(digits, length);
            if (known ? length == 12 && !context : length < 13 || !context) {
                continue;
            }
            // an unlisted issuer range (a new network, a local scheme) counts only after a card word
            double confidence = known ? Confidence.checksum(context) : UNKNOWN_ISSUER;
            out.add(new Span(PiiType.CARD_NUMBER, start, end, confidence));
            return;
        }
    }

    /** One contiguous group, groups of four (the last one shorter), or the 4-6-5 / 4-6-4 layout of Amex and Diners. */
    static boolean groupingValid(int[] groupDigits, int groups) {
        if (groups == 1) {
            return true;
        }
        if (groups == 3 && groupDigits[0] == 4 && groupDigits[1] == 6 && (groupDigits[2] == 5 || groupDigits[2] == 4)) {
            return true;
        }
        for (int g = 0; g < groups - 1; g++) {
            if (groupDigits[g] != 4) {
                return false;
            }
        }
        return groupDigits[groups - 1] >= 1 && groupDigits[groups - 1] <= 4;
    }

    static boolean issuerAccepts(char[] digits, int length) {
        int p2 = prefix(digits, 2);
        int p3 = prefix(digits, 3);
        int p4 = prefix(digits, 4);
        int p6 = prefix(digits, 6);
        switch (digits[0]) {
            case '1':
                return p4 == 1800 && length == 15; // JCB, legacy range
            case '2':
                return (p4 >= 2221 && p4 <= 2720 && length == 16) // Mastercard 2-series
                        || (p4 >= 2200 && p4 <= 2204 && length >= 16) // Mir
                        || (p4 == 2131 && length == 15); // JCB, legacy range
            case '3':
                return ((p2 == 34 || p2 == 37) && length == 15) // Amex
                        || (p4 >= 3528 && p4 <= 3589 && length >= 16) // JCB
                        || (p3 >= 300 && p3 <= 305 && length >= 14) // Diners Club / Carte Blanche
                        || ((p2 == 36 || p4 == 3095 || p2 == 38 || p2 == 39) && length >= 14); // Diners Club
            case '4':
                return length == 13 || length == 16 || length == 19; // Visa
            case '5':
                return (p2 >= 51 && p2 <= 55 && length == 16) // Mastercard
                        || (isMaestro(p2, p4) && length >= 12); // Maestro
            case '6':
                return ((p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65 || (p6 >= 622126 && p6 <= 622925))
                                && length >= 16) // Discover
                        || (p2 == 62 && length >= 16) // UnionPay
                        || (isMaestro(p2, p4) && length >= 12); // Maestro
            default:
                return false;
        }
    }

    private static boolean isMaestro(int p2, int p4) {
        return p4 == 5018 || p4 == 5020 || p4 == 5038 || p4 == 5893 || (p2 >= 56 && p2 <= 58)
                || p4 == 6304 || p4 == 6759 || (p4 >= 6761 && p4 <= 6763);
    }

    private static int prefix(char[] digits, int count) {
        int value = 0;
        for (int i = 0; i < count; i++) {
            value = value * 10 + (digits[i] - '0');
        }
        return value;
    }
}
