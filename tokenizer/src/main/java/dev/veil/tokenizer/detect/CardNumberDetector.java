package dev.veil.tokenizer.detect;

import dev.veil.tokenizer.token.Luhn;
import java.nio.CharBuffer;
import java.util.List;

/**
 * Finds payment card numbers: 13 to 19 digits in any grouping a person types (spaces, dashes,
 * dots, slashes, a line break, mixed), in a known issuer range and Luhn-valid (12-digit Maestro
 * numbers only next to a card word); after a card word, a Luhn-invalid number of card length is
 * reported as a near miss.
 */
public final class CardNumberDetector implements IndexedDetector {

    static final ContextWords CONTEXT = ContextWords.of(
            "card", "credit card", "debit card", "cc", "visa", "mastercard", "amex", "american express",
            "discover", "jcb", "diners", "unionpay", "maestro", "pan", "card number", "card no",
            "tarjeta", "tarjeta de crédito", "tarjeta de credito", "tarjeta de débito", "nº de tarjeta",
            "número de tarjeta", "numero de tarjeta", "crédito", "credito", "débito", "debito");
    private static final int CONTEXT_WINDOW = 40;
    private static final double UNKNOWN_ISSUER = Confidence.STRICT_FORMAT;
    private static final int MAX_GROUPS = 16;
    private static final int MAX_DIGITS = 19;
    /** The shortest card (a Maestro); a run with fewer digits holds none, so its groups are not tried. */
    private static final int MIN_DIGITS = 12;

    @Override
    public PiiType type() {
        return PiiType.CARD_NUMBER;
    }

    @Override
    public void detect(String string, TextIndex index, List<Span> out) {
        char[] text = index.chars(); // read without String.charAt's check per character
        int[] starts = index.numberStarts();
        int count = index.numberCount();
        if (index.nextDigitStart(0, 0, MIN_DIGITS) >= count) {
            // no digit start has MIN_DIGITS characters left after it, so none reads enough digits
            // and the loop below would pass over every one: a field value's usual case, decided
            // before the groups and reads are made
            return;
        }
        DigitGroups run = new DigitGroups(MAX_GROUPS);
        NumberReads reads = index.numberReads();
        int i = 0;
        for (int k = 0; (k = index.nextDigitStart(k, i, 1)) < count; k++) {
            int start = starts[k];
            // the run of digit groups joined by the separators a person types: any grouping, any mix;
            // a run too short for a card is passed over without taking its groups
            int pos;
            if (reads.digits(k) < MIN_DIGITS) {
                pos = reads.end(k);
            } else {
                pos = reads.read(k, Integer.MAX_VALUE, run);
                cards(text, start, pos, run, out);
            }
            // the next start is past the run; the index holds none in a word glued to its end
            i = pos;
        }
    }

    /** Reports the cards in the run read from {@code start} to {@code pos} (it holds at least {@link #MIN_DIGITS} digits). */
    private static void cards(char[] text, int start, int pos, DigitGroups run, List<Span> out) {
        int[] groupStarts = run.starts();
        int[] groupEnds = run.ends();
        boolean wholeRunKnown = run.complete();
        int known = run.known();
        if (wholeRunKnown && known > 1 && decimalPart(text, groupStarts, known - 1)
                && groupEnds[known - 1] - groupStarts[known - 1] <= 2 && pos - start >= 12
                && !CONTEXT.before(text, start, CONTEXT_WINDOW)) {
            known--; // the cents of an amount: the number before them ends at no value boundary
        }
        // a card may start at any group of the run ("order 12 4111 1111 1111 1111")
        // the digits after an IBAN's country code and check digits are an account, valid or mistyped
        boolean ibanRun = ibanTail(text, start);
        for (int g = 0; g < known; ) {
            int found = decimalPart(text, groupStarts, g) ? g
                    : findIn(text, g, known, groupStarts, groupEnds, wholeRunKnown, ibanRun, out);
            g = found > g ? found : g + 1;
        }
    }

    /**
     * True if the digits at {@code start} continue an IBAN's country code and check digits
     * ({@code ES33 5475 ...}): they are part of an account, valid or mistyped, not a card.
     */
    private static boolean ibanTail(char[] text, int start) {
        int p = start;
        while (p > 0 && start - p < 3 && !Chars.isAsciiAlnum(text[p - 1])) {
            p--;
        }
        return p >= 4 && Chars.isDigit(text[p - 1]) && Chars.isDigit(text[p - 2])
                && Character.isUpperCase(text[p - 3]) && Character.isUpperCase(text[p - 4])
                && IbanDetector.lengthOf(text[p - 4], text[p - 3]) > 0
                && (p == 4 || !Chars.isWordChar(text[p - 5]));
    }

    /** True if group {@code g} follows a lone dot or comma after digits: the decimals of a number, not a value's start. */
    private static boolean decimalPart(char[] text, int[] groupStarts, int g) {
        if (g == 0) {
            return false;
        }
        int p = groupStarts[g];
        char sep = text[p - 1];
        return (sep == '.' || sep == ',') && Chars.isDigit(text[p - 2]);
    }

    /**
     * Tries the groups from {@code first}: the whole run, then shorter runs ending at a group
     * boundary, longest first; returns the group after a card found, or {@code first}.
     */
    private static int findIn(char[] text, int first, int groups, int[] groupStarts, int[] groupEnds,
            boolean wholeRunKnown, boolean ibanRun, List<Span> out) {
        int start = groupStarts[first];
        int length = 0;
        int last = first;
        // at most MAX_DIGITS digits, over whole groups only
        for (int g = first; g < groups; g++) {
            int size = groupEnds[g] - groupStarts[g];
            if (length + size > MAX_DIGITS) {
                break;
            }
            length += size;
            last = g;
        }
        if (length < MIN_DIGITS) {
            return first;
        }
        char[] digits = new char[MAX_DIGITS];
        for (int g = first, at = 0; g <= last; g++) {
            System.arraycopy(text, groupStarts[g], digits, at, groupEnds[g] - groupStarts[g]);
            at += groupEnds[g] - groupStarts[g];
        }
        // the context word is looked up only when a candidate needs it: most digit runs fail first
        int context = -1;
        int nearMissEnd = -1;
        int nearMissGroup = -1;
        int prefix = length;
        for (int g = last; g >= first; g--) {
            int end = groupEnds[g];
            boolean whole = g == groups - 1 && wholeRunKnown;
            if (prefix < 12 || (whole && !Chars.numberEndsAt(text, end))) {
                prefix -= groupEnds[g] - groupStarts[g];
                continue;
            }
            if (!groupingValid(groupStarts, groupEnds, first, g, false)) {
                if (context < 0) {
                    context = CONTEXT.before(text, start, CONTEXT_WINDOW) ? 1 : 0;
                }
                if (context == 0) {
                    prefix -= groupEnds[g] - groupStarts[g];
                    continue;
                }
            }
            boolean luhn = Luhn.isValid(CharBuffer.wrap(digits, 0, prefix)) && !ibanRun;
            boolean nearMissShape = nearMissEnd < 0 && prefix >= 13 && digits[0] >= '2' && digits[0] <= '6';
            if ((luhn || nearMissShape) && context < 0) {
                context = CONTEXT.before(text, start, CONTEXT_WINDOW) ? 1 : 0;
            }
            if (luhn) {
                boolean known = issuerAccepts(digits, prefix);
                if (!(known ? prefix == 12 && context == 0 : prefix < 13 || context == 0)) {
                    // an unlisted issuer range (a new network, a local scheme) counts only after a card word
                    double confidence = known ? Confidence.checksum(context == 1) : UNKNOWN_ISSUER;
                    out.add(new Span(PiiType.CARD_NUMBER, start, end, confidence));
                    return g + 1;
                }
            }
            if (nearMissShape && context == 1) {
                nearMissEnd = end;
                nearMissGroup = g;
            }
            prefix -= groupEnds[g] - groupStarts[g];
        }
        if (nearMissEnd > 0) {
            // a mistyped card (a wrong or dropped digit) after a card word is still a card
            out.add(new Span(PiiType.CARD_NUMBER, start, nearMissEnd, Confidence.NEAR_MISS));
            return nearMissGroup + 1;
        }
        return first;
    }

    /**
     * Validates the digits, not the layout: any grouping of groups of two or more digits (the last
     * may be a single one); after a card word any grouping at all.
     */
    static boolean groupingValid(int[] groupStarts, int[] groupEnds, int first, int last, boolean context) {
        if (context || first == last) {
            return true;
        }
        for (int g = first; g < last; g++) {
            if (groupEnds[g] - groupStarts[g] < 2) {
                return false;
            }
        }
        return true;
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
