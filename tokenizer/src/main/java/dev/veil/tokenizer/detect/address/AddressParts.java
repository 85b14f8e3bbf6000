package dev.veil.tokenizer.detect.address;

import dev.veil.tokenizer.detect.Chars;
import dev.veil.tokenizer.detect.ContextWords;

/**
 * Small parsers for the pieces of a postal address (house numbers, unit designators, US states and
 * ZIP codes, UK postcodes, the locality after a street), shared by the address detectors. Each
 * parser looks at a bounded number of characters, so detection stays linear.
 */
final class AddressParts {

    /** Words that make a nearby street more likely to be someone's address. */
    static final ContextWords CONTEXT = ContextWords.of(
            "address", "addr", "addr.", "home address", "mailing address", "billing address", "shipping address",
            "ship to", "send to", "deliver to", "delivery", "lives at", "live at", "living at", "moved to",
            "located at", "resides at", "residence", "postal", "post code", "postcode", "zip",
            "dirección", "direccion", "domicilio", "domiciliado", "domiciliada", "vive en", "reside en",
            "residencia", "envío", "envio", "enviar a", "entrega", "calle", "c.p.", "código postal", "codigo postal");
    static final int CONTEXT_WINDOW = 40;

    static final ContextWords UNITS = ContextWords.of(
            "apt", "apt.", "apartment", "suite", "ste", "ste.", "unit", "flat", "fl", "fl.", "floor", "flr", "flr.",
            "bldg", "bldg.", "building", "room", "rm", "rm.", "dept", "dept.", "lot", "space", "pmb", "studio",
            "office", "p.o. box", "po box", "bureau");
    static final ContextWords DIRECTIONS = ContextWords.of(
            "n", "s", "e", "w", "ne", "nw", "se", "sw", "n.", "s.", "e.", "w.", "n.e.", "n.w.", "s.e.", "s.w.",
            "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest");
    static final ContextWords US_STATE_NAMES = ContextWords.of(
            "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware",
            "florida", "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky",
            "louisiana", "maine", "maryland", "massachusetts", "michigan", "minnesota", "mississippi", "missouri",
            "montana", "nebraska", "nevada", "new hampshire", "new jersey", "new mexico", "new york",
            "north carolina", "north dakota", "ohio", "oklahoma", "oregon", "pennsylvania", "rhode island",
            "south carolina", "south dakota", "tennessee", "texas", "utah", "vermont", "virginia", "washington",
            "west virginia", "wisconsin", "wyoming", "district of columbia");
    private static final String US_STATE_CODES = " AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS"
            + " MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR VI GU AS MP ";
    private static final String CA_PROVINCE_CODES = " AB BC MB NB NL NS NT NU ON PE QC SK YT ";
    static final ContextWords CA_PROVINCE_NAMES = ContextWords.of(
            "alberta", "british columbia", "manitoba", "new brunswick", "newfoundland and labrador", "nova scotia",
            "ontario", "prince edward island", "quebec", "québec", "saskatchewan", "yukon", "b.c.");
    static final ContextWords COUNTRIES = ContextWords.of(
            "usa", "u.s.a.", "us", "u.s.", "united states", "united states of america", "uk", "u.k.", "united kingdom",
            "england", "scotland", "wales", "northern ireland", "great britain", "gb", "spain", "españa", "espana",
            "canada");

    private static final int MAX_LOCALITY_WORDS = 5;

    private AddressParts() {}

    /** Spaces and tabs, no line break. */
    static int skipBlanks(Text text, int p) {
        int n = text.length();
        while (p < n) {
            char c = text.charAt(p);
            if (c != ' ' && c != '\t') {
                break;
            }
            p++;
        }
        return p;
    }

    /** A separator between address parts: blanks, at most one comma and at most one line break; returns p if none. */
    static int skipSeparator(Text text, int p) {
        int n = text.length();
        int q = skipBlanks(text, p);
        if (q < n && text.charAt(q) == ',') {
            q = skipBlanks(text, q + 1);
        }
        if (q < n && text.charAt(q) == '\r') {
            q++;
        }
        if (q < n && text.charAt(q) == '\n') {
            q = skipBlanks(text, q + 1);
            if (q < n && text.charAt(q) == ',') {
                q = skipBlanks(text, q + 1);
            }
        }
        return q;
    }

    /** The end of the run of ASCII digits at {@code p}, or {@code p}. */
    static int digitsEnd(Text text, int p) {
        int end = p;
        while (end < text.length() && Chars.isDigit(text.charAt(end))) {
            end++;
        }
        return end;
    }

    /** Whether a line break stands in {@code [from, to)}; it never looks outside, so scans stay linear. */
    static boolean hasLineBreak(Text text, int from, int to) {
        return indexOf(text, '\n', from, to) >= 0;
    }

    /** The first {@code c} in {@code [from, to)} (cut at the text's end), or -1: a bounded {@link String#indexOf}. */
    static int indexOf(Text text, char c, int from, int to) {
        int end = Math.min(to, text.length());
        for (int i = from; i < end; i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    /** The end of a word of letters (with inner apostrophes and hyphens) at {@code p}, or {@code p}. */
    static int wordEnd(Text text, int p) {
        int n = text.length();
        int end = p;
        while (end < n) {
            char c = text.charAt(end);
            if (Chars.isLetter(c)) {
                end++;
            } else if ((c == '\'' || c == '’' || c == '-') && end > p && end + 1 < n && Chars.isLetter(text.charAt(end + 1))) {
                end++;
            } else {
                break;
            }
        }
        return end;
    }

    /** The end of a letters-and-digits token (such as {@code 45th}, {@code 2B} or {@code Main}) at {@code p}. */
    static int tokenEnd(Text text, int p) {
        int n = text.length();
        int end = p;
        while (end < n && (Chars.isLetterOrDigit(text.charAt(end))
                || ((text.charAt(end) == '\'' || text.charAt(end) == '-') && end > p && end + 1 < n
                        && Chars.isLetterOrDigit(text.charAt(end + 1))))) {
            end++;
        }
        return end;
    }

    static boolean isCapitalized(Text text, int start, int end) {
        return end > start && Chars.isUpper(text.charAt(start));
    }

    /** True for {@code 1st}, {@code 22nd}, {@code 33RD}, {@code 45th}. */
    static boolean isOrdinal(Text text, int start, int end) {
        int p = start;
        while (p < end && Chars.isDigit(text.charAt(p))) {
            p++;
        }
        if (p == start || end - p != 2) {
            return false;
        }
        // compared in place as equalsIgnoreCase compares, with no substring per token
        return Chars.regionMatchesIgnoreCase(text.chars(), p, "st", 0, 2) || Chars.regionMatchesIgnoreCase(text.chars(), p, "nd", 0, 2)
                || Chars.regionMatchesIgnoreCase(text.chars(), p, "rd", 0, 2) || Chars.regionMatchesIgnoreCase(text.chars(), p, "th", 0, 2);
    }

    private static boolean allZeros(Text text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }

    /**
     * The end of a house number at {@code p}: 1 to 6 digits, optionally with a letter ({@code 9C},
     * {@code 35-B}) or a range ({@code 185-187}); -1 if there is none.
     */
    static int houseNumberEnd(Text text, int p) {
        int n = text.length();
        int end = p;
        while (end < n && end - p < 7 && Chars.isDigit(text.charAt(end))) {
            end++;
        }
        return houseNumberEnd(text, p, end);
    }

    /**
     * {@link #houseNumberEnd(String, int)} where the run of digits at {@code p} is known to end at
     * {@code digits} (or to be longer than six, with {@code digits} past the sixth): for a scan that
     * has read it already.
     */
    static int houseNumberEnd(Text text, int p, int digits) {
        int n = text.length();
        int end = digits;
        if (end == p || end - p > 6 || (end - p > 1 && allZeros(text, p, end))) {
            return -1; // "000" is a placeholder, not a house
        }
        if (end < n && text.charAt(end) == '-' && end + 1 < n) {
            int q = end + 1;
            int r = q;
            while (r < n && r - q < 6 && Chars.isDigit(text.charAt(r))) {
                r++;
            }
            if (r > q && text.wordEndsAt(r)) {
                return r;
            }
            if (Chars.isAsciiLetter(text.charAt(q)) && text.wordEndsAt(q + 1)) {
                return q + 1;
            }
            return -1;
        }
        if (end < n && Chars.isAsciiLetter(text.charAt(end)) && text.wordEndsAt(end + 1)) {
            return end + 1;
        }
        return text.wordEndsAt(end) ? end : -1;
    }

    /** The end of zero or more unit designators after {@code p} ({@code Apt 4B}, {@code , Suite 200}, {@code #31A}). */
    static int unitsEnd(Text text, int p) {
        int end = p;
        for (int k = 0; k < 3; k++) {
            int q = skipSeparator(text, end);
            int unit = unitEnd(text, q);
            if (unit < 0) {
                break;
            }
            end = unit;
        }
        return end;
    }

    /** The end of one unit designator at {@code p}, or -1. */
    static int unitEnd(Text text, int p) {
        return unitEnd(text, p, true);
    }

    /**
     * {@link #unitEnd(String, int)}, told by {@code unitWord == false} that no word of {@link #UNITS}
     * starts at {@code p} (a {@link dev.veil.tokenizer.detect.WordLists} mask says so), so it need not look.
     */
    static int unitEnd(Text text, int p, boolean unitWord) {
        int n = text.length();
        if (p >= n) {
            return -1;
        }
        if (text.charAt(p) == '#') {
            return unitIdEnd(text, p + 1);
        }
        int word = unitWord ? UNITS.matchAt(text.chars(), p) : -1;
        if (word > 0) {
            int q = skipBlanks(text, word);
            if (q < n && text.charAt(q) == '#') {
                q = skipBlanks(text, q + 1);
            }
            return unitIdEnd(text, q);
        }
        // "28TH FLOOR", "3rd Floor"
        int token = tokenEnd(text, p);
        if (isOrdinal(text, p, token) && token < n && text.charAt(token) == ' ') {
            int floor = wordEnd(text, token + 1);
            String w = text.substring(token + 1, floor);
            if (w.equalsIgnoreCase("floor") || w.equalsIgnoreCase("fl") || w.equalsIgnoreCase("flr")) {
                return floor;
            }
        }
        return -1;
    }

    /** A unit id: up to 8 letters, digits, dots and dashes with a digit, or a single letter. */
    private static int unitIdEnd(Text text, int p) {
        int n = text.length();
        int end = p;
        boolean digit = false;
        while (end < n && end - p < 8) {
            char c = text.charAt(end);
            if (Chars.isAsciiAlnum(c)) {
                digit |= Chars.isDigit(c);
                end++;
            } else if ((c == '-' || c == '.') && end > p && end + 1 < n && Chars.isAsciiAlnum(text.charAt(end + 1))) {
                end++;
            } else {
                break;
            }
        }
        if (end == p || !text.wordEndsAt(end) || (end < n && text.charAt(end) == '@')) {
            return -1;
        }
        return digit || end - p == 1 ? end : -1;
    }

    /** The end of a post-direction ({@code NW}, {@code East}) after a single blank or {@code ", "}, or {@code p}. */
    static int directionEnd(Text text, int p) {
        int q = skipBlanks(text, p);
        if (q < text.length() && text.charAt(q) == ',') {
            q = skipBlanks(text, q + 1);
        }
        if (q == p || q >= text.length() || !Chars.isUpper(text.charAt(q))) {
            return p;
        }
        int end = DIRECTIONS.matchAt(text.chars(), q);
        return end > 0 ? end : p;
    }

    /**
     * The end of the locality after a street at {@code p}: a few capitalised words ending in a US
     * state (with or without ZIP), a UK postcode, or a ZIP code; then an optional country. -1 if none.
     */
    static int localityEnd(Text text, int p) {
        int pos = p;
        int words = 0;
        for (int k = 0; k <= MAX_LOCALITY_WORDS; k++) {
            int q = skipSeparator(text, pos);
            if (q == pos && k > 0 && words > 0) {
                return -1;
            }
            int terminal = words > 0 ? stateZipEnd(text, q) : -1;
            if (terminal < 0) {
                terminal = ukPostcodeEnd(text, q);
            }
            if (terminal < 0 && words > 0) {
                terminal = provincePostcodeEnd(text, q);
            }
            if (terminal < 0 && words > 0) {
                // "NORTON SHORES 49441": a town and a bare ZIP code closing the line or the clause
                int zip = zipEnd(text, q);
                terminal = zip > 0 && closesClause(text, zip) ? zip : -1;
            }
            if (terminal > 0) {
                return withCountry(text, terminal);
            }
            int word = wordEnd(text, q);
            if (word == q || !isCapitalized(text, q, word)) {
                return -1;
            }
            if (word < text.length() && text.charAt(word) == '.') {
                word++;
            }
            words++;
            pos = word;
        }
        return -1;
    }

    /** A US state (code or name), an optional comma, and an optional ZIP code; -1 if none. */
    static int stateZipEnd(Text text, int p) {
        int n = text.length();
        int end = -1;
        boolean mixedCase = false;
        if (p + 2 <= n && Chars.isUpper(text.charAt(p)) && Chars.isAsciiLetter(text.charAt(p + 1)) && text.wordEndsAt(p + 2)
                && US_STATE_CODES.contains(" " + Character.toUpperCase(text.charAt(p)) + Character.toUpperCase(text.charAt(p + 1)) + " ")) {
            end = p + 2;
            mixedCase = !Chars.isUpper(text.charAt(p + 1));
        } else if (p < n && Chars.isUpper(text.charAt(p))) {
            end = US_STATE_NAMES.matchAt(text.chars(), p);
        }
        if (end < 0) {
            return -1;
        }
        int q = end < n && text.charAt(end) == ',' ? end + 1 : end;
        q = skipBlanks(text, q);
        if (q < n && text.charAt(q) == '-' && q > end) {
            q = skipBlanks(text, q + 1); // "Austin Tx - 78755"
        }
        int zip = zipEnd(text, q);
        if (zip > 0) {
            return zip;
        }
        // a state without ZIP must be written in capitals and end the line or the clause
        return !mixedCase && closesClause(text, end) ? end : -1;
    }

    /** A Canadian province (code or name) and an optional postal code ({@code ON M8V 2K3}); -1 if none. */
    static int provincePostcodeEnd(Text text, int p) {
        int n = text.length();
        int end = -1;
        if (p + 2 <= n && Chars.isUpper(text.charAt(p)) && Chars.isUpper(text.charAt(p + 1)) && text.wordEndsAt(p + 2)
                && CA_PROVINCE_CODES.contains(" " + text.substring(p, p + 2) + " ")) {
            end = p + 2;
        } else if (p < n && (Chars.isUpper(text.charAt(p)) || text.charAt(p) == '(')) {
            int q = text.charAt(p) == '(' ? p + 1 : p;
            end = q < n ? CA_PROVINCE_NAMES.matchAt(text.chars(), q) : -1;
            if (end > 0 && q > p) {
                end = end < n && text.charAt(end) == ')' ? end + 1 : -1;
            }
        }
        if (end < 0) {
            return -1;
        }
        int q = end < n && (text.charAt(end) == ',' || text.charAt(end) == '.') ? end + 1 : end;
        q = skipBlanks(text, q);
        int code = caPostcodeEnd(text, q);
        if (code > 0) {
            return code;
        }
        return closesClause(text, end) ? end : -1;
    }

    /** A Canadian postal code ({@code K1A 0B1}, {@code L5W1E8}) at {@code p}, or -1. */
    static int caPostcodeEnd(Text text, int p) {
        int n = text.length();
        if (p + 6 > n || !text.wordStartsAt(p)) {
            return -1;
        }
        int q = p;
        for (int k = 0; k < 6; k++) {
            if (k == 3 && q < n && text.charAt(q) == ' ') {
                q++;
            }
            if (q >= n) {
                return -1;
            }
            char c = text.charAt(q);
            boolean ok = k % 2 == 0 ? c >= 'A' && c <= 'Z' : Chars.isDigit(c);
            if (!ok) {
                return -1;
            }
            q++;
        }
        return text.wordEndsAt(q) ? q : -1;
    }

    /** True if nothing but blanks stand between {@code p} and the end of the text, line or clause. */
    static boolean closesClause(Text text, int p) {
        int after = skipBlanks(text, p);
        return after >= text.length() || ",.;:?!\n\r)".indexOf(text.charAt(after)) >= 0;
    }

    /** A US ZIP code ({@code 20500} or {@code 20500-0003}) at {@code p}, or -1. */
    static int zipEnd(Text text, int p) {
        int n = text.length();
        if (p + 5 > n) {
            return -1;
        }
        for (int i = p; i < p + 5; i++) {
            if (!Chars.isDigit(text.charAt(i))) {
                return -1;
            }
        }
        int end = p + 5;
        if (end + 5 <= n && text.charAt(end) == '-') {
            boolean four = true;
            for (int i = end + 1; i < end + 5; i++) {
                four &= Chars.isDigit(text.charAt(i));
            }
            if (four && Chars.numberEndsAt(text.chars(), end + 5)) {
                return end + 5;
            }
        }
        return Chars.numberEndsAt(text.chars(), end) ? end : -1;
    }

    /**
     * A UK postcode at {@code p} in upper case, such as {@code SW1A 2AA}, {@code M1 1AE} or
     * {@code W1D 2JU} (outward code, one optional space, inward code), or -1.
     */
    static int ukPostcodeEnd(Text text, int p) {
        int n = text.length();
        if (p >= n || !text.wordStartsAt(p)) {
            return -1;
        }
        int q = p;
        int letters = 0;
        while (q < n && letters < 3 && text.charAt(q) >= 'A' && text.charAt(q) <= 'Z') {
            q++;
            letters++;
        }
        if (letters < 1 || letters > 2) {
            return -1;
        }
        int digits = 0;
        while (q < n && digits < 3 && Chars.isDigit(text.charAt(q))) {
            q++;
            digits++;
        }
        if (digits < 1 || digits > 2) {
            return -1;
        }
        if (digits == 1 && q < n && text.charAt(q) >= 'A' && text.charAt(q) <= 'Z' && q + 1 < n && text.charAt(q + 1) == ' ') {
            q++; // SW1A, W1D
        }
        if (q < n && text.charAt(q) == ' ') {
            q++;
        }
        if (q + 3 > n || !Chars.isDigit(text.charAt(q)) || !inwardLetter(text.charAt(q + 1)) || !inwardLetter(text.charAt(q + 2))) {
            return -1;
        }
        return text.wordEndsAt(q + 3) ? q + 3 : -1;
    }

    private static boolean inwardLetter(char c) {
        return c >= 'A' && c <= 'Z' && "CIKMOV".indexOf(c) < 0;
    }

    /** Extends over an optional country name after a comma or blank. */
    static int withCountry(Text text, int p) {
        int q = skipBlanks(text, p);
        if (q < text.length() && text.charAt(q) == ',') {
            q = skipBlanks(text, q + 1);
        }
        if (q == p || q >= text.length() || !Chars.isUpper(text.charAt(q))) {
            return p;
        }
        int end = COUNTRIES.matchAt(text.chars(), q);
        return end > 0 ? end : p;
    }

    /**
     * Steps back from {@code p} over blanks, a comma and at most one line break, together with the
     * quote or list marks that may open the line of {@code p} ({@code "> "}, {@code ">>"}, or the
     * {@code "???"} a lost bullet leaves): where the content before an address part ends.
     */
    static int lineContentBefore(Text text, int p) {
        int q = blanksBefore(text, p);
        int marks = q;
        while (marks > 0 && p - marks < 12 && isLinePrefix(text.charAt(marks - 1)) && text.charAt(marks - 1) != ',') {
            marks--;
        }
        if (marks < q && (marks == 0 || text.charAt(marks - 1) == '\n')) {
            q = marks;
        }
        if (q > 0 && text.charAt(q - 1) == '\n') {
            q--;
            if (q > 0 && text.charAt(q - 1) == '\r') {
                q--;
            }
            q = blanksBefore(text, q);
        }
        return q;
    }

    /** Steps back over at most 8 blanks and commas on the line. */
    private static int blanksBefore(Text text, int p) {
        int q = p;
        while (q > 0 && p - q < 8 && (text.charAt(q - 1) == ' ' || text.charAt(q - 1) == '\t' || text.charAt(q - 1) == ',')) {
            q--;
        }
        return q;
    }

    /** True for the quote or list marks that may open a line of an address block. */
    static boolean isLinePrefix(char c) {
        return c == ' ' || c == '>' || c == '\t' || c == ',' || c == '?' || c == '\uFFFD';
    }

    /** After up to six quote or list marks that open the line at {@code p} ({@link #isLinePrefix}). */
    static int skipLineMarks(Text text, int p) {
        int n = text.length();
        int q = p;
        while (q < n && q - p < 6 && isLinePrefix(text.charAt(q))) {
            q++;
        }
        return q;
    }

    /**
     * After the separator between two parts of a block at {@code p}: blanks, then a comma, a line
     * break (with the marks that open a quoted line) or both; -1 when there is none, when an empty
     * line follows, or at the end of the text.
     */
    static int partSeparatorEnd(Text text, int p) {
        int n = text.length();
        int q = skipBlanks(text, p);
        boolean separated = false;
        if (q < n && text.charAt(q) == ',') {
            separated = true;
            q = skipBlanks(text, q + 1);
        }
        if (q < n && text.charAt(q) == '\r') {
            q++;
        }
        if (q < n && text.charAt(q) == '\n') {
            separated = true;
            q = skipLineMarks(text, q + 1);
        }
        return separated && q < n && text.charAt(q) != '\n' && text.charAt(q) != '\r' ? q : -1;
    }

    private static final int MAX_BLOCK_LINES = 4;
    private static final int MAX_BLOCK_LINE = 60;

    /**
     * Extends an address that ends a line over the lines below it when they read like the rest of
     * a postal block (a unit, a town, a region) and the last of them carries a postal code
     * ({@code Hungary 34796}, {@code Oulu 90100}, {@code London SW1A 2AA}); returns {@code end} if not.
     */
    static int blockEnd(Text text, int end) {
        int n = text.length();
        int p = skipBlanks(text, end);
        if (p < n && text.charAt(p) == '\r') {
            p++;
        }
        if (p >= n || text.charAt(p) != '\n') {
            return end;
        }
        int result = end;
        for (int line = 0; line < MAX_BLOCK_LINES && p < n && text.charAt(p) == '\n'; line++) {
            int start = p + 1;
            int lineEnd = start;
            while (lineEnd < n && text.charAt(lineEnd) != '\n' && lineEnd - start <= MAX_BLOCK_LINE) {
                lineEnd++;
            }
            if (lineEnd - start > MAX_BLOCK_LINE) {
                break;
            }
            int content = start;
            while (content < lineEnd && isLinePrefix(text.charAt(content))) {
                content++;
            }
            int contentEnd = lineEnd;
            while (contentEnd > content && (text.charAt(contentEnd - 1) == ' ' || text.charAt(contentEnd - 1) == '\r'
                    || text.charAt(contentEnd - 1) == '.')) {
                contentEnd--;
            }
            if (contentEnd <= content || !blockLine(text, content, contentEnd)) {
                break;
            }
            if (endsWithPostalCode(text, content, contentEnd)) {
                result = contentEnd;
            }
            p = lineEnd;
        }
        return result;
    }

    /** A unit, or a few capitalised words with an optional postal code: no '@', ':' or long digit runs. */
    private static boolean blockLine(Text text, int start, int end) {
        if (unitEnd(text, start) == end) {
            return true;
        }
        if (!Chars.isUpper(text.charAt(start)) && !Chars.isDigit(text.charAt(start))) {
            return false;
        }
        int words = 0;
        int digits = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '@' || c == ':' || c == '/' || c == '+' || c == '=') {
                return false;
            }
            if (Chars.isDigit(c)) {
                digits++;
            } else if (Chars.isLetter(c) && text.wordStartsAt(i)) {
                words++;
            }
        }
        return words >= 1 && words <= 5 && digits <= 6;
    }

    private static boolean endsWithPostalCode(Text text, int start, int end) {
        int digits = 0;
        int p = end;
        while (p > start && Chars.isDigit(text.charAt(p - 1))) {
            p--;
            digits++;
        }
        if (digits >= 4 && digits <= 6 && p > start && text.charAt(p - 1) == ' ') {
            return true;
        }
        for (int q = Math.max(start, end - 8); q < end; q++) {
            if (text.wordStartsAt(q) && (ukPostcodeEnd(text, q) == end || caPostcodeEnd(text, q) == end)) {
                return true;
            }
        }
        return false;
    }
}
