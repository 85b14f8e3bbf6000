package dev.veil.tokenizer.detect.address;

import dev.veil.tokenizer.detect.Chars;

/**
 * Grows a street that a detector found to the whole address as written around it: a second house
 * number before it ("3120 45 Harbour View Road"), words after it on its line ("… Drive Ellis
 * Meadows"), and the parts that follow after commas or on the next lines (a unit, a town, a region
 * code, a country, a postal code), as far as the last of them that ends an address: a postal code,
 * a region code or a country. Every step looks at a bounded number of characters.
 */
final class AddressBlock {

    private static final int MAX_PARTS = 7;
    private static final int MAX_PART = 60;
    private static final int MAX_PART_WORDS = 6;
    /** Bit of {@link #part}'s answer: the part holds a postal code or a country. */
    private static final long STRONG = 1L << 34;

    private AddressBlock() {}

    /** A start before {@code start} that takes in a house number standing alone before the street, or {@code start}. */
    static int grownStart(Text text, int start, int limit) {
        int q = start;
        if (q < 2 || text.charAt(q - 1) != ' ') {
            return start;
        }
        q--;
        int digitsEnd = q;
        while (q > 0 && digitsEnd - q < 6 && Chars.isDigit(text.charAt(q - 1))) {
            q--;
        }
        if (q == digitsEnd || q < limit || (q > 0 && (Chars.isWordChar(text.charAt(q - 1)) || ",.-/#:+".indexOf(text.charAt(q - 1)) >= 0))) {
            return start;
        }
        return q;
    }

    /** Lower-case words after which a place is named: "in", "at", "to", "on", "and", "is". */
    private static final String[] LEAD_WORDS = {"in", "at", "to", "on", "and", "is", "en", "a"};

    /**
     * A start before {@code start} (a house number) that takes in one or two words of a street's
     * name written before it, as continental addresses are ("Storgarden 52 Lerke Road"), when they
     * follow a word such as "at", "in" or "to", a colon or the start of a line; or -1. The address
     * must hold more than the street ({@code grown}), so that a name and a number in a sentence
     * stay apart.
     */
    static int nameBeforeStart(Text text, int start, int floor) {
        if (start < 2 || text.charAt(start - 1) != ' ' || !Chars.isDigit(text.charAt(start))) {
            return -1;
        }
        int p = start - 1;
        int first = -1;
        for (int words = 0; words < 2; words++) {
            int end = p;
            int w = end;
            while (w > floor && end - w < 30 && (Chars.isLetter(text.charAt(w - 1)) || text.charAt(w - 1) == '-')) {
                w--;
            }
            if (w == end || (w > 0 && !isLeadBoundary(text.charAt(w - 1)))) {
                break;
            }
            if (words == 0 && !Chars.isUpper(text.charAt(w)) && !Character.isLowerCase(text.charAt(w))) {
                break;
            }
            if (isLeadWord(text, w, end)) {
                break;
            }
            first = w;
            if (leadsIn(text, w, floor)) {
                return Chars.isUpper(text.charAt(w)) ? w : -1;
            }
            p = w - 1;
            if (p <= floor || text.charAt(p) != ' ') {
                break;
            }
        }
        return -1;
    }

    private static boolean isLeadBoundary(char c) {
        return c == ' ' || c == '\n' || c == '\t' || c == ':' || c == '>';
    }

    private static boolean isLeadWord(Text text, int start, int end) {
        for (String word : LEAD_WORDS) {
            if (end - start == word.length() && text.regionMatches(true, start, word, 0, word.length())) {
                return true;
            }
        }
        return false;
    }

    /** Whether a lead-in word, a colon, or the start of a line (with its quote marks) stands before {@code w}. */
    private static boolean leadsIn(Text text, int w, int floor) {
        int q = w;
        while (q > floor && (text.charAt(q - 1) == ' ' || text.charAt(q - 1) == '\t' || text.charAt(q - 1) == '>')) {
            q--;
        }
        if (q == 0 || text.charAt(q - 1) == '\n' || text.charAt(q - 1) == ':') {
            return true;
        }
        if (q == w || q <= floor) {
            return false;
        }
        int e = q;
        while (q > floor && Chars.isLetter(text.charAt(q - 1))) {
            q--;
        }
        return text.wordStartsAt(q) && isLeadWord(text, q, e);
    }

    /** Words that say a corner follows, as they end before its first street, lower case. */
    private static final String[] CORNER_CUES = {
        "corner of", "intersection of", "junction of", "crossing of", "esquina de", "esquina entre", "cruce de",
        "cruce entre"};

    /**
     * A start before {@code start} that takes in the words naming a corner ("the corner of",
     * "la esquina de") standing right before it, no further back than {@code floor}, or -1 if none:
     * they say where the place is as much as the streets do.
     */
    static int cornerCueStart(Text text, int start, int floor) {
        int q = start;
        while (q > floor && text.charAt(q - 1) == ' ') {
            q--;
        }
        if (q == start || q == 0) {
            return -1; // no blank before the start, or nothing but blanks
        }
        // every cue ends in "of" or "de" or "entre": an ASCII character before the blanks that is
        // no 'f' or 'e' in either case compares equal to no cue's last letter
        char last = text.charAt(q - 1);
        if (last < 128 && (last | 0x20) != 'f' && (last | 0x20) != 'e') {
            return -1;
        }
        for (String cue : CORNER_CUES) {
            int from = q - cue.length();
            if (from >= floor && text.regionMatches(true, from, cue, 0, cue.length()) && text.wordStartsAt(from)) {
                for (String article : new String[] {"the ", "la "}) {
                    int a = from - article.length();
                    if (a >= floor && text.regionMatches(true, a, article, 0, article.length()) && text.wordStartsAt(a)) {
                        return a;
                    }
                }
                return from;
            }
        }
        return -1;
    }

    /**
     * After a street that follows a corner cue: the end of the second street after "and", "&",
     * "y" or "con" ("… and King Forges"), read as {@link IntersectionDetector} reads a street, or
     * {@code end}.
     */
    static int cornerSecondEnd(Text text, int end, int limit) {
        int p = AddressParts.skipBlanks(text, end);
        if (p == end || p >= text.length()) {
            return end;
        }
        int joiner = CORNER_JOINERS.matchAt(text.chars(), p);
        if (joiner < 0 || joiner + 1 >= text.length() || text.charAt(joiner) != ' ') {
            return end;
        }
        int second = IntersectionDetector.streetEnd(text, joiner + 1);
        return second > end && second <= limit ? second : end;
    }

    private static final dev.veil.tokenizer.detect.ContextWords CORNER_JOINERS =
            dev.veil.tokenizer.detect.ContextWords.of("and", "&", "y", "con");

    /** "… and Linden Turnpike": past a second street without a number after "and"/"y" when it ends in a street type. */
    static int cornerEnd(Text text, int end, int limit) {
        int n = text.length();
        int p = AddressParts.skipBlanks(text, end);
        int word = p;
        while (word < n && Chars.isLetter(text.charAt(word))) {
            word++;
        }
        // the letters read "and" or "y" in any case (no letter beyond ASCII folds to one of those),
        // compared in place: every span found asks, and most are followed by no joiner
        int length = word - p;
        boolean joiner = length == 3 ? Chars.regionMatchesIgnoreCase(text.chars(), p, "and", 0, 3)
                : length == 1 && (text.charAt(p) | 0x20) == 'y';
        if (p == end || !joiner) {
            return end;
        }
        int q = AddressParts.skipBlanks(text, word);
        int result = end;
        for (int words = 0; words < 4 && q < n && q < limit; words++) {
            int wordEnd = q;
            while (wordEnd < n && (Chars.isLetter(text.charAt(wordEnd)) || text.charAt(wordEnd) == '.'
                    || text.charAt(wordEnd) == '-' || text.charAt(wordEnd) == '\'')) {
                wordEnd++;
            }
            if (wordEnd == q || wordEnd > limit) {
                break;
            }
            int typeEnd = text.charAt(wordEnd - 1) == '.' ? wordEnd - 1 : wordEnd;
            if (words > 0 && StreetWords.isStreetType(text.chars(), q, typeEnd)) {
                result = typeEnd;
            }
            if (!Chars.isUpper(text.charAt(q)) && words > 0 && !StreetWords.isStreetType(text.chars(), q, typeEnd)
                    && wordEnd - q > 3) {
                break;
            }
            q = AddressParts.skipBlanks(text, wordEnd);
        }
        return result;
    }

    /** The end of the address whose street ends at {@code end}: {@code end} or later, never past {@code limit}. */
    static int grownEnd(Text text, int end, int limit) {
        return grownEnd(text, end, limit, 1);
    }

    /** As {@link #grownEnd(String, int, int)}, committing only once {@code minParts} parts have been read. */
    private static int grownEnd(Text text, int end, int limit, int minParts) {
        int n = text.length();
        int committed = end;
        int p = sameLineWords(text, end);
        if (p > limit) {
            return end;
        }
        if (p > end) {
            committed = p;
        }
        for (int part = 0; part < MAX_PARTS; part++) {
            int q = separator(text, p);
            boolean afterBlankLine = false;
            if (q < 0) {
                // "… Apt. 026\n Zoetermeer\n\n Netherlands 91196": one empty line inside a block,
                // crossed only towards a part that holds a postal code or a country
                q = afterBlankLine(text, p);
                afterBlankLine = true;
                if (q < 0) {
                    break;
                }
            }
            long read = part(text, q);
            if (read < 0 || (int) read > limit || (afterBlankLine && (read & STRONG) == 0)) {
                break;
            }
            p = (int) read;
            if ((read & (1L << 32)) != 0 && part + 1 >= minParts) {
                committed = p;
            }
            if ((read & (1L << 33)) != 0) {
                break;
            }
            if (p >= n) {
                break;
            }
        }
        return committed;
    }

    /** Capitalised words or numbers after the street that run to the end of its line or to a comma. */
    private static int sameLineWords(Text text, int end) {
        int n = text.length();
        if (end + 2 < n && text.charAt(end) == '.' && text.charAt(end + 1) == ' ' && Chars.isDigit(text.charAt(end + 2))
                && Chars.isLetter(text.charAt(end - 1))) {
            int number = AddressParts.digitsEnd(text, end + 2);
            if (number - end - 2 <= 5 && Chars.numberEndsAt(text.chars(), number)) {
                end = number; // "… Apt. 409": the unit word ended the street, its number follows
            }
        }
        int p = AddressParts.skipBlanks(text, end);
        if (p == end || p >= n) {
            return end;
        }
        int last = end;
        int start = end;
        boolean number = false;
        for (int words = 0; words < 4 && p < n; words++) {
            int country = countryEnd(text, p);
            if (country > 0) {
                return country; // "… Suite 310 WARRAGUL Australia last night"
            }
            int wordEnd = token(text, p);
            if (wordEnd < 0) {
                int code = p;
                while (code < n && Character.isLowerCase(text.charAt(code))) {
                    code++;
                }
                if (words > 0 && code - p <= 3 && code > p && ends(text, code)) {
                    last = code; // "Oberwil nan": a region code, or the placeholder of one
                }
                break;
            }
            if (Chars.isDigit(text.charAt(p))) {
                // one short number ("… Comunale 12 31 Suite 208"); more digits are a phone or an id
                if (number || wordEnd - p > 5) {
                    return end;
                }
                number = true;
            }
            last = wordEnd;
            int next = AddressParts.skipBlanks(text, wordEnd);
            if (next == wordEnd) {
                break;
            }
            p = next;
        }
        if (last == end) {
            return end;
        }
        return ends(text, last) ? last : start;
    }

    /** A capitalised word in any script ("Points", "ΠΑΦΟΣ", "Rheinland-Pfalz"), a unit or a number. */
    private static int token(Text text, int p) {
        int unit = AddressParts.unitEnd(text, p);
        if (unit > p) {
            return unit;
        }
        char c = text.charAt(p);
        if (!Chars.isUpper(c) && !Chars.isDigit(c)) {
            return -1;
        }
        int end = p + 1;
        while (end < text.length() && (Chars.isLetterOrDigit(text.charAt(end))
                || ("-'’.".indexOf(text.charAt(end)) >= 0 && end + 1 < text.length()
                        && Chars.isLetterOrDigit(text.charAt(end + 1))))) {
            end++;
        }
        return end;
    }

    /**
     * A street written as a number, a name and a number ("58120 Rautatienkatu 44", "5850 Lindo Vale 412")
     * that a complete block follows (a town, a region code, a country or a postal code on the lines
     * below): the end of the whole address from the number at {@code p}, or -1. The number's one to
     * six digits end at {@code digits}, followed by a blank and more text (the caller has tested that).
     */
    static int numberedBlockEnd(Text text, int p, int digits) {
        int n = text.length();
        int q = digits + 1;
        if (q >= n || !Chars.isUpper(text.charAt(q))) {
            return -1; // the street's name is capitalised: "2008 y apendicectomía …" is no address
        }
        int words = 0;
        while (words < 4 && q < n && Chars.isLetter(text.charAt(q))) {
            int end = q;
            while (end < n && (Chars.isLetter(text.charAt(end))
                    || (".-'’".indexOf(text.charAt(end)) >= 0 && end + 1 < n && Chars.isLetter(text.charAt(end + 1))))) {
                end++;
            }
            if (end < n && text.charAt(end) == '.') {
                end++;
            }
            words++;
            if (end >= n || text.charAt(end) != ' ') {
                return -1;
            }
            q = end + 1;
        }
        int number = AddressParts.digitsEnd(text, q);
        if (words == 0 || number == q || number - q > 5 || !Chars.numberEndsAt(text.chars(), number)) {
            return -1;
        }
        if (!ends(text, number)) {
            return -1;
        }
        // only a block of two parts or more that closes with a postal code ("Zwolle, OV 80112"):
        // one line with a number below ("Build 2024") is not enough
        int end = grownEnd(text, number, n, 2);
        return end > number + 1 && Chars.isDigit(text.charAt(end - 1)) ? end : -1;
    }

    /** After one empty line (blanks allowed on it) and the marks that open the next line, or -1. */
    private static int afterBlankLine(Text text, int p) {
        int n = text.length();
        int q = p;
        for (int line = 0; line < 2; line++) {
            q = AddressParts.skipBlanks(text, q);
            if (q < n && text.charAt(q) == '\r') {
                q++;
            }
            if (q >= n || text.charAt(q) != '\n') {
                return -1;
            }
            q++;
        }
        q = AddressParts.skipLineMarks(text, q);
        return q < n ? q : -1;
    }

    /** After a comma or a line break between parts (with the marks that open quoted lines), or -1. */
    private static int separator(Text text, int p) {
        int q = AddressParts.skipBlanks(text, p);
        if (q + 1 < text.length() && text.charAt(q) == '.' && (text.charAt(q + 1) == '\n' || text.charAt(q + 1) == '\r')) {
            q++; // "… u. 14.\nCuritiba"
        }
        return AddressParts.partSeparatorEnd(text, q);
    }

    /**
     * One part of an address from {@code p}: its end, with bit 32 set when it can end an address
     * (it holds a postal code, a region code, a country or a unit), bit 33 when a sentence goes on
     * after it (the block ends there) and bit 34 when it holds a postal code or a country; -1 when
     * what stands there is no address part (a sentence, a label with a colon, a phone number).
     */
    private static long part(Text text, int p) {
        int n = text.length();
        int limit = Math.min(n, p + MAX_PART);
        int unit = AddressParts.unitEnd(text, p);
        if (unit > p) {
            return ends(text, unit) ? (1L << 32) | unit : -1;
        }
        int i = p;
        int words = 0;
        boolean final_ = false;
        boolean strong = false;
        int end = -1;
        while (i < limit && words < MAX_PART_WORDS) {
            int country = countryEnd(text, i);
            int code = country > 0 ? country : postcodeEnd(text, i);
            if (code > 0) {
                end = code;
                final_ = true;
                strong = true;
            } else {
                int word = final_ && Character.isLowerCase(text.charAt(i)) ? -1 : placeWordEnd(text, i);
                if (word < 0) {
                    // "… Austria 40210 after the meeting": the sentence goes on after a complete part
                    return final_ && end > 0 && Character.isLowerCase(text.charAt(i))
                            ? (1L << 32) | (1L << 33) | (strong ? STRONG : 0) | end : -1;
                }
                // a short code alone or before a postal code is a region: ", CO", ", nan 78618"
                final_ |= word - i <= 3 && words == 0 && Chars.isLetter(text.charAt(i));
                end = word;
            }
            words++;
            int next = AddressParts.skipBlanks(text, end);
            if (next < n && text.charAt(next) == '(') {
                int close = AddressParts.indexOf(text, ')', next + 1, next + 20);
                if (close > 0) {
                    end = close + 1; // "Ireland (Éire)"
                    next = AddressParts.skipBlanks(text, end);
                }
            }
            if (next >= n || next == end || ends(text, end)) {
                break;
            }
            i = next;
        }
        if (end < 0 || !ends(text, end)) {
            return -1;
        }
        boolean region = final_ && words > 0;
        return (region ? (1L << 32) : 0) | (strong ? STRONG : 0) | end;
    }

    /** Whether a part may end at {@code end}: the end of text or line, a comma, or a full stop or question mark. */
    private static boolean ends(Text text, int end) {
        int q = AddressParts.skipBlanks(text, end);
        if (q >= text.length()) {
            return true;
        }
        char c = text.charAt(q);
        return c == '\n' || c == '\r' || c == ',' || c == '.' || c == '?' || c == '!' || c == ';' || c == ')';
    }

    /** A word of a town's name: capitalised in any script, or a short lower-case joining word inside ("do Sul", "u Horic"). */
    private static int placeWordEnd(Text text, int p) {
        char c = text.charAt(p);
        int end = p;
        while (end < text.length() && (Chars.isLetter(text.charAt(end))
                || ("-'’.".indexOf(text.charAt(end)) >= 0 && end + 1 < text.length()
                        && Chars.isLetter(text.charAt(end + 1))))) {
            end++;
        }
        if (end == p || (end < text.length() && (Chars.isDigit(text.charAt(end)) || text.charAt(end) == ':'
                || text.charAt(end) == '@'))) {
            return -1;
        }
        if (Chars.isUpper(c)) {
            return end;
        }
        if (end - p <= 3) {
            return end; // "do", "u", "del", a region code such as "nan" or "ec"
        }
        return -1;
    }

    /** A postal code: 3 to 6 digits, "113 52", "1000-001", or a UK or Canadian postcode. */
    private static int postcodeEnd(Text text, int p) {
        if (!text.wordStartsAt(p)) {
            return -1;
        }
        int uk = AddressParts.ukPostcodeEnd(text, p);
        if (uk > 0) {
            return uk;
        }
        int ca = AddressParts.caPostcodeEnd(text, p);
        if (ca > 0) {
            return ca;
        }
        int end = AddressParts.digitsEnd(text, p);
        if (end - p < 3 || end - p > 6) {
            return -1;
        }
        if (end + 1 < text.length() && (text.charAt(end) == '-' || text.charAt(end) == ' ')) {
            int more = AddressParts.digitsEnd(text, end + 1);
            if (more - end - 1 >= 2 && more - end - 1 <= 3 && Chars.numberEndsAt(text.chars(), more)) {
                return more;
            }
        }
        return Chars.numberEndsAt(text.chars(), end) ? end : -1;
    }

    /** A country named in English or Spanish ("Czech Republic", "Bélgica"), or -1. */
    private static int countryEnd(Text text, int p) {
        if (!Chars.isUpper(text.charAt(p))) {
            return -1;
        }
        return countryEndAnyCase(text, p);
    }

    /** As {@link #countryEnd}, in any case ("belgium"). */
    static int countryEndAnyCase(Text text, int p) {
        return CountryNames.endAt(text, p);
    }
}
