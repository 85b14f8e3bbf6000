package dev.veil.tokenizer.detect;

import java.util.List;

/**
 * Finds IBANs: a country code, two check digits and the national account number, contiguous or in
 * any grouping a person types, with the country's length and a valid mod-97 check; after an account
 * word, an all-digit IBAN of the right length whose check fails is reported as a near miss.
 */
public final class IbanDetector implements IndexedDetector {

    static final ContextWords CONTEXT = ContextWords.of(
            "iban", "account", "bank account", "account number", "acct", "sepa", "bic", "swift", "transfer",
            "cuenta", "cuenta bancaria", "número de cuenta", "numero de cuenta", "nº de cuenta", "transferencia",
            "domiciliación", "domiciliacion", "banco");
    private static final int CONTEXT_WINDOW = 40;
    /** The fewest characters a match takes (the shortest IBAN (Norway's)): the entry test and the loop share it. */
    private static final int SHORTEST = 15;
    private static final int MAX_LENGTH = 34;

    /** IBAN length per country code (SWIFT IBAN registry), indexed by the two letters. */
    private static final byte[] LENGTHS = new byte[26 * 26];

    static {
        String table = "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 "
                + "DK18 DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28 HR21 HU28 "
                + "IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 "
                + "MK19 MN20 MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 "
                + "SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30";
        for (String entry : table.split(" ")) {
            LENGTHS[(entry.charAt(0) - 'A') * 26 + entry.charAt(1) - 'A'] = Byte.parseByte(entry.substring(2));
        }
    }

    @Override
    public PiiType type() {
        return PiiType.IBAN;
    }

    @Override
    public void detect(String string, TextIndex index, List<Span> out) {
        char[] text = index.chars(); // read without String.charAt's check per character
        int n = text.length;
        int[] starts = index.wordStarts();
        int count = index.wordCount();
        if (count == 0 || starts[0] + SHORTEST > n) {
            return; // the loop's first step below would return: decided before its buffer is made
        }
        char[] compact = new char[MAX_LENGTH];
        int next = 0;
        // a plain loop over the word starts (what TextIndex.visit does, without a call per word)
        for (int k = 0; k < count; k++) {
            int i = starts[k];
            if (i < next) {
                continue;
            }
            if (i + SHORTEST > n) {
                return; // no room for an IBAN from here on
            }
            next = match(text, i, compact, out);
        }
    }

    /** Reports an IBAN starting at word start {@code i}; returns where the next one may start. */
    private static int match(char[] text, int i, char[] compact, List<Span> out) {
        int length = startsIban(text, i);
        if (length == 0) {
            return i + 1;
        }
        int end = read(text, i, length, compact);
        if (end < 0 || !Chars.numberEndsAt(text, end)) {
            return i + 1;
        }
        if (!mostlyDigits(compact, length)) {
            return i + 1; // words that happen to follow a country code ("de 50 m de espesor ...")
        }
        boolean context = CONTEXT.before(text, i, CONTEXT_WINDOW);
        if (validate(compact, length)) {
            out.add(new Span(PiiType.IBAN, i, end, Confidence.checksum(context)));
        } else if (context && digitsAfterCountry(compact, length) && checkDigitsTogether(text, i)) {
            // a mistyped IBAN after an account word is still an account
            out.add(new Span(PiiType.IBAN, i, end, Confidence.NEAR_MISS));
        } else {
            return i + 1;
        }
        return end;
    }

    /** The expected length if an IBAN may start at {@code i} (country code, a digit, word start), else 0. */
    private static int startsIban(char[] text, int i) {
        char c0 = text[i];
        char c1 = text[i + 1];
        // cheapest tests first: most words go on with a third letter, or start with no country code
        if (Chars.isAsciiLetter(text[i + 2]) || lengthOf(c0, c1) == 0) {
            return 0;
        }
        if (!Chars.isAsciiLetter(c0) || !Chars.isAsciiLetter(c1) || Character.isUpperCase(c0) != Character.isUpperCase(c1)) {
            return 0;
        }
        int d = Chars.groupSeparatorEnd(text, i + 2);
        if (d + 1 >= text.length || !Chars.isDigit(text[d]) || !Chars.wordStartsAt(text, i)) {
            return 0;
        }
        // lower case only glued to both check digits ("es9121..."), never "de 50m de ..."; in upper
        // case the check digits may stand apart or be split by the grouping ("ES 91 ...", "ES9 121 ...")
        if (!Character.isUpperCase(c0) && (d > i + 2 || !Chars.isDigit(text[d + 1]))) {
            return 0;
        }
        return lengthOf(c0, c1);
    }

    /** True if the two check digits follow the country code together, glued or after one separator. */
    private static boolean checkDigitsTogether(char[] text, int i) {
        int d = Chars.groupSeparatorEnd(text, i + 2);
        return d + 1 < text.length && Chars.isDigit(text[d]) && Chars.isDigit(text[d + 1]);
    }

    static int lengthOf(char c0, char c1) {
        int a = (c0 | 0x20) - 'a';
        int b = (c1 | 0x20) - 'a';
        return a < 0 || a >= 26 || b < 0 || b >= 26 ? 0 : LENGTHS[a * 26 + b];
    }

    /**
     * Copies {@code length} letters and digits starting at {@code start} into {@code compact},
     * allowing one kind of single separator (space or dash) between them; returns the end or -1.
     */
    private static int read(char[] text, int start, int length, char[] compact) {
        int n = text.length;
        int pos = start;
        int count = 0;
        while (count < length) {
            if (pos >= n) {
                return -1;
            }
            char c = text[pos];
            if (Chars.isAsciiAlnum(c)) {
                compact[count++] = Character.toUpperCase(c);
                pos++;
                continue;
            }
            int next = Chars.groupSeparatorEnd(text, pos);
            if (next > pos && count >= 2 && next < n && Chars.isAsciiAlnum(text[next])) {
                pos = next;
                continue;
            }
            return -1;
        }
        return pos;
    }

    /** True if at least half of the account part is digits, as in every national IBAN format. */
    private static boolean mostlyDigits(char[] compact, int length) {
        int digits = 0;
        for (int k = 4; k < length; k++) {
            digits += Chars.isDigit(compact[k]) ? 1 : 0;
        }
        return digits * 2 >= length - 4;
    }

    /** True if the check digits and the rest of the national number are digits, as most countries write them (a near miss needs them). */
    private static boolean digitsAfterCountry(char[] compact, int length) {
        for (int k = 2; k < length; k++) {
            if (!Chars.isDigit(compact[k])) {
                return false;
            }
        }
        return true;
    }

    /** True if the compact upper-case IBAN has its country's length and passes the ISO 7064 mod-97 check. */
    static boolean validate(char[] compact, int length) {
        if (length < 15 || lengthOf(compact[0], compact[1]) != length) {
            return false;
        }
        int remainder = 0;
        for (int k = 0; k < length; k++) {
            char c = compact[(k + 4) % length];
            if (Chars.isDigit(c)) {
                remainder = (remainder * 10 + (c - '0')) % 97;
            } else if (c >= 'A' && c <= 'Z') {
                remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
            } else {
                return false;
            }
        }
        return remainder == 1;
    }
}
