package dev.veil.tokenizer.detect.address;

import dev.veil.tokenizer.detect.Chars;
import dev.veil.tokenizer.detect.ContextWords;
import dev.veil.tokenizer.detect.TextIndex;
import dev.veil.tokenizer.detect.WordLists;

/**
 * Reads an address whatever the case it is written in ("688 rue du centre 320, apt. 169, marke,
 * belgium 97466"): people type addresses in lower case, and then capitals say nothing. Since case
 * cannot tell the street from a sentence, the structure must: a house number, a street line that
 * holds a street type or a unit, and then parts up to one that ends an address (a postal code, a
 * country, a US state or a Canadian province); or, without a street type, at least two parts
 * below the street that end with a postal code. Every step looks at a bounded number of characters.
 */
final class UncasedAddress {

    private static final int MAX_LINE_TOKENS = 9;
    private static final int MAX_PARTS = 5;
    private static final int MAX_PART_TOKENS = 5;
    private static final int MAX_PART = 60;

    private UncasedAddress() {}

    /**
     * The last street line of one text that {@link #end} rejected with no word on it that could
     * make it typed (a street type or a unit): from the blank after its house number up to the
     * token that rejected it, or up to its end when no part followed. A later house number whose
     * blank lies inside reads the same tokens from there on, no more of them, and still no word
     * that could type it, so it is rejected the same way: the digit groups of "4111 1111 1111 1111
     * and" are read once, not four times. Per text, one per call: nothing is kept between texts.
     */
    static final class Rejected {
        private int from = -1;
        private int to = -1;

        /** Whether the house number whose digits end at the blank {@code blank} lies on the rejected line. */
        boolean covers(int blank) {
            return blank > from && blank < to;
        }

        void set(int from, int to) {
            this.from = from;
            this.to = to;
        }
    }

    /**
     * The end of the address whose house number starts at number start {@code k} of {@code scan},
     * or -1: a number of one to six digits followed by a blank and more text (the caller has tested
     * that). The numbers of the street line are read from the scan too, where each was read once.
     * The calls for one text pass the same {@code rejected}, in ascending order of numbers.
     */
    static int end(Text text, AddressScan scan, int k, Rejected rejected) {
        int n = text.length();
        int[] numberStarts = scan.index().numberStarts();
        int numberCount = scan.index().numberCount();
        int p = numberStarts[k];
        int q = scan.digitsEnd(k);
        if (scan.houseNumberEnd(k) != q) {
            return -1; // "000" is a placeholder, not a house
        }
        if (rejected.covers(q)) {
            return -1;
        }
        int j = k; // the number start last looked up on the line
        // whether a label makes the number an identifier ("order 4432") is asked last, of the few
        // numbers that read as an address: it looks back and probes a list
        int pos = q + 1;
        boolean typed = false;
        int tokens = 0;
        int nameTokens = 0;
        int lineEnd = -1;
        // no token so far could have typed the line: no street type or unit word, no '#'
        boolean plain = true;
        // the street line: "[3911 ]fourth avenue suite 112[ calgary alberta]"
        while (tokens < MAX_LINE_TOKENS && pos < n) {
            // the lists this token is probed in, looked up at once
            int words = LINE_WORDS.maskAt(text.chars(), pos);
            // a unit is a word of UNITS, "#4" or "3rd floor": elsewhere unitEnd reads the token for nothing
            char first = text.charAt(pos);
            plain &= (words & (STREET_TYPES | UNIT)) == 0 && first != '#';
            int unit = tokens > 0 && ((words & UNIT) != 0 || first == '#' || Chars.isDigit(first))
                    ? AddressParts.unitEnd(text, pos, (words & UNIT) != 0) : -1;
            int token;
            if (unit > pos) {
                typed = true;
                token = unit;
            } else {
                token = token(text, pos);
                if (token < 0) {
                    break;
                }
                int bare = text.charAt(token - 1) == '.' ? token - 1 : token;
                // a token starting with a digit after a blank starts a number of the index
                boolean number = false;
                if (Chars.isDigit(first)) {
                    j = TextIndex.seek(numberStarts, numberCount, j, pos);
                    number = scan.digitsEnd(j) == bare;
                }
                if ((words & SENTENCE) != 0 && SENTENCE_WORDS.matchAt(text.chars(), pos) == token) {
                    return rejected(rejected, plain && !typed, q, pos); // "2 nights at the hotel suite 405": a sentence
                }
                if (number && (bare - pos > 5 || scan.houseNumberEnd(j) < 0)) {
                    return rejected(rejected, plain && !typed, q, pos); // a phone, an id or a placeholder ("000")
                }
                // a street type among the first words of the name ("fourth avenue", "rue du centre"):
                // later in a sentence it is a common noun ("sent to the street")
                typed |= nameTokens <= 2 && !number && (words & STREET_TYPES) != 0 && isStreetType(text, pos, token, bare, words);
                if (!(number && tokens == 0)) {
                    nameTokens++;
                }
            }
            tokens++;
            lineEnd = token;
            int terminal = typed && tokens > 1 ? regionEnd(text, pos) : -1;
            if (terminal > 0 && AddressParts.closesClause(text, terminal)) {
                return labelledNumber(text, p) ? -1 : terminal; // "… suite 112 calgary alberta"
            }
            if (token + 1 >= n || text.charAt(token) != ' ' || text.charAt(token + 1) == ' ') {
                break;
            }
            pos = token + 1;
        }
        // a line cut at the most tokens may go on from a later number: only one that ended is kept
        boolean ended = plain && !typed && tokens < MAX_LINE_TOKENS;
        if (tokens < 2 || !closesPart(text, lineEnd)) {
            return rejected(rejected, ended, q, lineEnd);
        }
        int end = partsEnd(text, lineEnd, typed);
        if (end < 0) {
            return rejected(rejected, ended, q, lineEnd);
        }
        return labelledNumber(text, p) ? -1 : end;
    }

    /** -1, after keeping the line from {@code from} to {@code to} in {@code rejected} when {@code keep}. */
    private static int rejected(Rejected rejected, boolean keep, int from, int to) {
        if (keep) {
            rejected.set(from, to);
        }
        return -1;
    }

    /**
     * The end of the parts in any case after a street that ends at {@code end} ("…, apt. 5,
     * lavaur, france 81500") up to the last that ends an address, or -1.
     */
    static int tailEnd(Text text, int end) {
        return partsEnd(text, end, true);
    }

    /** Words of a sentence that a street's name in lower case does not hold. */
    private static final ContextWords SENTENCE_WORDS = ContextWords.of(
            "at", "the", "to", "for", "in", "on", "is", "was", "and", "with", "my", "your", "our", "we", "i", "it",
            "you", "me", "from", "by", "been", "have", "has", "had", "will", "would", "que", "por", "para", "con",
            "mi", "es", "fue", "en");

    /** Words that say the number after them is an identifier, not a house: "order 4432", "version 2". */
    private static final ContextWords ID_LABELS = ContextWords.of(
            "order", "pedido", "version", "v", "build", "release", "ticket", "invoice", "factura", "ref", "ref.",
            "reference", "case", "item", "no", "no.", "nº", "número", "numero", "id", "code", "código", "codigo",
            "tracking", "account", "cuenta", "page", "página", "step", "paso", "chapter", "line", "línea");

    /** The lists a token of the street line is probed in, bit by bit: {@link #LINE_WORDS} tells which may match. */
    private static final int SENTENCE = 1;
    private static final int UNIT = 1 << 1;
    private static final int STRONG = 1 << 2;
    private static final int WEAK = 1 << 3;
    private static final int SPANISH = 1 << 4;
    private static final int BEFORE = 1 << 5;
    private static final int STREET_TYPES = STRONG | WEAK | SPANISH | BEFORE;
    private static final WordLists LINE_WORDS = WordLists.of(SENTENCE_WORDS, AddressParts.UNITS,
            StreetAddressDetector.STRONG_TYPES, StreetAddressDetector.WEAK_TYPES, SpanishAddressDetector.STREET_TYPES,
            ContinentalStreetDetector.TYPE_BEFORE);

    /** Whether the word right before the number at {@code p} labels it as an identifier. */
    private static boolean labelledNumber(Text text, int p) {
        int q = p;
        while (q > 0 && (text.charAt(q - 1) == ' ' || text.charAt(q - 1) == ':' || text.charAt(q - 1) == '#')) {
            q--;
        }
        int end = q;
        while (q > 0 && p - q < 16 && (Chars.isLetter(text.charAt(q - 1)) || text.charAt(q - 1) == '.')) {
            q--;
        }
        if (q == end) {
            return false;
        }
        int label = ID_LABELS.matchAt(text.chars(), q);
        return label == end || (label > 0 && label + 1 == end);
    }

    /**
     * Parts after {@code lineEnd}; without a street type, two or more on lines of their own that
     * end with a postal code.
     */
    private static int partsEnd(Text text, int lineEnd, boolean typed) {
        // the parts below or after commas: "\napt. 169\nmarke\nbelgium 97466"
        int p2 = lineEnd;
        int committed = -1;
        int parts = 0;
        for (int k = 0; k < MAX_PARTS; k++) {
            int s = AddressParts.partSeparatorEnd(text, p2);
            if (s < 0) {
                break;
            }
            boolean line = AddressParts.hasLineBreak(text, p2, s);
            if (!line && !typed) {
                break; // "4432 arrived broken, ref 88231, …": a sentence, not lines of a block
            }
            long read = part(text, s);
            if (read < 0) {
                break;
            }
            parts++;
            p2 = (int) read;
            if ((read & (1L << 32)) != 0) {
                boolean postcode = (read & (1L << 33)) != 0;
                if (typed || (parts >= 2 && postcode)) {
                    committed = p2;
                }
            }
        }
        return committed;
    }

    /** Whether a street type stands at {@code start}, ending at {@code end} or {@code bare}; {@code words} is its mask. */
    private static boolean isStreetType(Text text, int start, int end, int bare, int words) {
        // each list looked up once, and only where the mask says it may match, its match compared with both ends
        int strong = (words & STRONG) != 0 ? StreetAddressDetector.STRONG_TYPES.matchAt(text.chars(), start) : -1;
        if (strong == end || strong == bare) {
            return true;
        }
        int weak = (words & WEAK) != 0 ? StreetAddressDetector.WEAK_TYPES.matchAt(text.chars(), start) : -1;
        if (weak == end || weak == bare) {
            return true;
        }
        int spanish = (words & SPANISH) != 0 ? SpanishAddressDetector.STREET_TYPES.matchAt(text.chars(), start) : -1;
        if (spanish == end || spanish == bare) {
            return true;
        }
        int before = (words & BEFORE) != 0 ? ContinentalStreetDetector.TYPE_BEFORE.matchAt(text.chars(), start) : -1;
        return before == end || before == bare;
    }

    /** A token of letters (any script, any case) or digits, with inner dots, dashes and apostrophes and a final dot. */
    private static int token(Text text, int p) {
        int n = text.length();
        int end = p;
        while (end < n) {
            char c = text.charAt(end);
            if (Chars.isLetterOrDigit(c) || c == '\u2206') {
                end++; // U+2206 stands in for a Greek delta in some data
            } else if ((c == '.' || c == '-' || c == '\'' || c == '’') && end > p && end + 1 < n
                    && Chars.isLetterOrDigit(text.charAt(end + 1))) {
                end++;
            } else {
                break;
            }
        }
        if (end == p) {
            return -1;
        }
        if (end < n && text.charAt(end) == '.') {
            end++;
        }
        if (end < n && gluesIdentifier(text.charAt(end))) {
            return -1;
        }
        return end;
    }

    /** Whether {@code c} after a token makes it part of an address, a path, a sum or an id ({@code @:/=+_&%$€£#}). */
    private static boolean gluesIdentifier(char c) {
        switch (c) {
            case '@', ':', '/', '=', '+', '_', '&', '%', '$', '€', '£', '#':
                return true;
            default:
                return false;
        }
    }

    /**
     * One part from {@code p} up to a comma, a line break or a full stop: its end with bit 32 set
     * when it ends an address (a postal code, a country, a state or province, a unit) and bit 33
     * when that is a postal code; -1 when it is no address part.
     */
    private static long part(Text text, int p) {
        int n = text.length();
        int unit = AddressParts.unitEnd(text, p);
        if (unit > p) {
            return closesPart(text, unit) ? unit : -1;
        }
        int pos = p;
        long result = -1;
        for (int tokens = 0; tokens < MAX_PART_TOKENS && pos < n && pos - p < MAX_PART; tokens++) {
            int open = text.charAt(pos) == '(' ? pos + 1 : pos;
            int token = open < n ? token(text, open) : -1;
            if (token < 0) {
                return -1;
            }
            if (open > pos) {
                if (token >= n || text.charAt(token) != ')') {
                    return -1;
                }
                token++; // "(greek)"
            }
            int code = postcodeEnd(text, pos);
            int region = regionEnd(text, pos);
            if (code > 0) {
                token = code;
                result = (1L << 32) | (1L << 33) | token;
            } else if (region > 0) {
                token = region;
                result = (1L << 32) | token;
            } else if (Chars.isDigit(text.charAt(pos)) && AddressParts.digitsEnd(text, pos) == token && token - pos > 2) {
                return -1; // a number that is no postal code
            } else {
                result = token;
            }
            if (closesPart(text, token)) {
                return result;
            }
            if (token + 1 >= n || text.charAt(token) != ' ') {
                return -1;
            }
            pos = token + 1;
        }
        return -1;
    }

    /** A postal code: 4 to 6 digits, or 3 and 2 ("340 12"), or a UK or Canadian postcode; -1 if none. */
    private static int postcodeEnd(Text text, int p) {
        int n = text.length();
        int uk = AddressParts.ukPostcodeEnd(text, p);
        if (uk > 0) {
            return uk;
        }
        int end = AddressParts.digitsEnd(text, p);
        if (end - p == 3 && end + 3 <= n && text.charAt(end) == ' ') {
            int more = AddressParts.digitsEnd(text, end + 1);
            if (more - end - 1 == 2 && Chars.numberEndsAt(text.chars(), more)) {
                return more;
            }
        }
        if (end - p == 4) {
            int value = Integer.parseInt(text.string(), p, end, 10);
            if (value >= 1950 && value <= 2039) {
                return -1; // a year, most likely, where case tells nothing
            }
        }
        return end - p >= 4 && end - p <= 6 && Chars.numberEndsAt(text.chars(), end) ? end : -1;
    }

    /** The lists of region names, bit by bit: {@link #REGION_WORDS} tells which may match. */
    private static final int STATE = 1;
    private static final int PROVINCE = 1 << 1;
    private static final WordLists REGION_WORDS = WordLists.of(AddressParts.US_STATE_NAMES, AddressParts.CA_PROVINCE_NAMES);

    /** A country, US state or Canadian province name in any case, or -1. */
    private static int regionEnd(Text text, int p) {
        if (!Chars.isLetter(text.charAt(p))) {
            return -1;
        }
        // every token of a part is asked: one look-up says which of the two lists may hold its word
        int regions = REGION_WORDS.maskAt(text.chars(), p);
        int state = (regions & STATE) != 0 ? AddressParts.US_STATE_NAMES.matchAt(text.chars(), p) : -1;
        if (state > 0) {
            return state;
        }
        int province = (regions & PROVINCE) != 0 ? AddressParts.CA_PROVINCE_NAMES.matchAt(text.chars(), p) : -1;
        if (province > 0) {
            return province;
        }
        int country = AddressBlock.countryEndAnyCase(text, p);
        return country - p > 2 ? country : -1;
    }

    /** Whether a part may end at {@code end}: the end of the text or line, a comma, or the end of a sentence. */
    private static boolean closesPart(Text text, int end) {
        int q = AddressParts.skipBlanks(text, end);
        if (q >= text.length()) {
            return true;
        }
        char c = text.charAt(q);
        return c == '\n' || c == '\r' || c == ',' || c == '.' || c == '?' || c == '!' || c == ';';
    }
}
