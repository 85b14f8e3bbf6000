package dev.veil.tokenizer.detect.address;

import dev.veil.tokenizer.detect.Chars;
import dev.veil.tokenizer.detect.Confidence;
import dev.veil.tokenizer.detect.ContextWords;
import dev.veil.tokenizer.detect.IndexedDetector;
import dev.veil.tokenizer.detect.PiiType;
import dev.veil.tokenizer.detect.Span;
import dev.veil.tokenizer.detect.TextIndex;
import dev.veil.tokenizer.detect.WordLists;
import java.util.List;

/**
 * Finds US and UK street addresses: a house number, one to four name words and a street type
 * ({@code 10 Downing Street}, {@code 1600 Pennsylvania Ave NW}), with the unit ({@code Apt 4B},
 * {@code Suite 200}, {@code Flat 2,}) and the locality ({@code Washington, DC 20500},
 * {@code London SW1A 2AA}) when they follow.
 */
public final class StreetAddressDetector implements IndexedDetector, ScannedDetector {

    /** Street types that are rarely anything else after a number and a capitalised name. */
    static final ContextWords STRONG_TYPES = ContextWords.of(
            "street", "st", "st.", "avenue", "ave", "ave.", "av.", "road", "rd", "rd.", "boulevard", "blvd", "blvd.",
            "lane", "ln", "ln.", "drive", "dr", "dr.", "parkway", "pkwy", "pkwy.", "highway", "hwy", "hwy.",
            "expressway", "expy", "freeway", "fwy", "turnpike", "tpke", "terrace", "ter.", "crescent", "cres",
            "cres.", "gardens", "gdns", "mews", "close", "boulevard", "causeway", "embankment", "broadway");
    /** Street types that are also everyday words, so weaker evidence on their own. */
    static final ContextWords WEAK_TYPES = ContextWords.of(
            "way", "court", "ct", "ct.", "crt", "crt.", "str", "str.", "place", "pl", "pl.", "circle", "cir", "cir.", "trail", "trl", "square", "sq",
            "sq.", "plaza", "alley", "grove", "row", "walk", "hill", "hollow", "park", "pike", "path", "loop",
            "bypass", "view", "ridge", "point", "crossing", "cove", "creek", "estate", "green", "heights",
            "landing", "meadow", "meadows", "mall", "manor", "harbor", "harbour", "shores", "spur", "summit",
            "village", "wharf", "quay", "rise", "parade", "approach", "yard", "wynd", "gate", "chase", "vale",
            "cut off", "walkway", "island", "isle", "wood", "woods", "field", "fields", "end", "side", "bank",
            "brook", "brooks", "common", "dale", "farm", "glen", "haven", "knoll", "lakes", "lake", "mill", "mills",
            "mount", "orchard", "pass", "pines", "plains", "springs", "square", "station", "terrace", "trace",
            "track", "valley", "vista", "route", "rte");
    /** Roads named by a number: {@code Highway 32}, {@code Route 66}, {@code Interstate 25}. */
    static final ContextWords NUMBERED_ROADS = ContextWords.of(
            "highway", "hwy", "hwy.", "route", "rte", "rte.", "interstate", "state route", "county road", "i-");
    /** Lower-case words allowed inside a street name. */
    private static final ContextWords PARTICLES = ContextWords.of(
            "of", "the", "de", "la", "del", "du", "van", "von", "der", "le", "da", "dos", "das", "and");
    /** The lists a token of a street is probed in, bit by bit: {@link #STREET_WORDS} tells which may match. */
    private static final int NUMBERED = 1;
    private static final int STRONG = 1 << 1;
    private static final int WEAK = 1 << 2;
    private static final int PARTICLE = 1 << 3;
    private static final WordLists STREET_WORDS = WordLists.of(NUMBERED_ROADS, STRONG_TYPES, WEAK_TYPES, PARTICLES);
    private static final int MAX_NAME_WORDS = 4;
    private static final double STREET = 0.6;
    private static final double WEAK_STREET = Confidence.PATTERN;
    private static final double FULL = Confidence.FULL_ADDRESS;

    @Override
    public PiiType type() {
        return PiiType.ADDRESS;
    }

    @Override
    public void detect(String text, TextIndex index, List<Span> out) {
        AddressScan scan = AddressScan.of(text, index);
        detect(scan.text(), scan, out);
    }

    @Override
    public void detect(Text text, AddressScan scan, List<Span> out) {
        // only the numbers where a street may start, which the shared scan found in its pass over
        // every number; a number that reads as no street is passed alone (no other number starts
        // inside its word), and one that does passes the numbers inside the street
        int[] starts = scan.index().numberStarts();
        int next = 0; // the end of the last street found
        for (int k : scan.streetStarts()) {
            int i = starts[k];
            if (i >= next) {
                int end = match(text, i, scan.houseNumberEnd(k), out);
                next = Math.max(next, end);
            }
        }
    }

    /**
     * Whether a street address may start at the digit {@code chars[i]}, whose house number ends at
     * {@code number} (-1 if none): no currency sign before it, room after it, a blank (or a comma and
     * a blank, after a unit) after it, and a first word of the name that {@link #streetEnd} or
     * {@link #withoutStreetType} can read. The tests {@link #match} makes first, from the characters.
     */
    static boolean mayStart(char[] chars, int i, int number) {
        if (number < 0 || number + 2 >= chars.length || (i > 0 && isCurrency(chars[i - 1]))) {
            return false;
        }
        int name;
        if (chars[number] == ' ') {
            name = number + 1;
        } else if (chars[number] == ',' && chars[number + 1] == ' ') {
            name = number + 2;
        } else {
            return false;
        }
        // the first word: streetEnd reads a token of letters or digits; in lower case it takes it
        // only as a particle or "broadway", and withoutStreetType not at all
        char c = chars[name]; // name <= number + 2, within the text
        if (!Chars.isLetterOrDigit(c)) {
            return false;
        }
        if (Chars.isDigit(c)) {
            return !digitsAlone(chars, name);
        }
        return !(c >= 'a' && c <= 'z') || FIRST_IN_LOWER_CASE.indexOf(c) >= 0;
    }

    /**
     * Whether the token at {@code p} ({@link AddressParts#tokenEnd}) is ASCII digits alone, as the
     * groups of a card or phone number after the first ("4111 1111", "555 0123"): as a street's first
     * word it is neither a name word (capitalised, an ordinal such as "5th", a particle) nor a type
     * or numbered road (all start with letters), so {@link #streetEnd} finds no street; nor a word
     * of letters, so {@link #withoutStreetType} reads none.
     */
    private static boolean digitsAlone(char[] chars, int p) {
        int n = chars.length;
        int end = p;
        while (end < n && Chars.isDigit(chars[end])) {
            end++;
        }
        // tokenEnd goes on over a letter or digit, and over a ' or - before one
        return end > p && !(end < n && (Chars.isLetterOrDigit(chars[end])
                || (chars[end] == '\'' || chars[end] == '-') && end + 1 < n && Chars.isLetterOrDigit(chars[end + 1])));
    }

    /** The first letters of the lower-case words a street's name may start with: {@link #PARTICLES} (but "and", which ends a street) and "broadway". */
    private static final String FIRST_IN_LOWER_CASE = "otdlvb";

    private static boolean isCurrency(char c) {
        return c == '$' || c == '€' || c == '£';
    }

    /** The end of the street address whose house number starts at {@code start} and ends at {@code number} (-1 if none), or {@code start}. */
    private static int match(Text text, int start, int number, List<Span> out) {
        if (number < 0 || number + 2 >= text.length()) {
            return start;
        }
        int nameStart = number + 1;
        int flat = -1;
        if (text.charAt(number) == ',' && text.charAt(number + 1) == ' ') {
            flat = unitWordBefore(text, start);
            if (flat < 0) {
                return start;
            }
            nameStart = number + 2; // "Flat 14, Hilary Road": the number belongs to the flat
        } else if (text.charAt(number) != ' ') {
            return start;
        }
        long street = streetEnd(text, nameStart);
        if (street < 0) {
            return flat >= 0 ? start : withoutStreetType(text, start, nameStart, out);
        }
        int end = (int) street;
        boolean strong = (street >>> 32) != 0;
        end = AddressParts.directionEnd(text, end);
        int units = AddressParts.unitsEnd(text, end);
        boolean more = units > end;
        int locality = AddressParts.localityEnd(text, units);
        if (locality > 0) {
            end = locality;
            more = true;
        } else {
            end = units;
        }
        end = AddressParts.blockEnd(text, end);
        more |= end > units && locality < 0;
        int from = flat >= 0 ? flat : unitBefore(text, start);
        more |= from < start;
        boolean context = AddressParts.CONTEXT.before(text.chars(), from, AddressParts.CONTEXT_WINDOW);
        double base = more ? FULL : strong ? STREET : WEAK_STREET;
        out.add(new Span(PiiType.ADDRESS, from, end, Confidence.boosted(base, context)));
        return end;
    }

    /**
     * A house number and capitalised words with no street type, accepted only when a US state and
     * ZIP code close it: {@code 2951 El Camino Real Palo Alto, CA 94306}.
     */
    private static int withoutStreetType(Text text, int start, int p, List<Span> out) {
        int n = text.length();
        int pos = p;
        int words = 0;
        while (words < MAX_NAME_WORDS && pos < n) {
            int word = AddressParts.wordEnd(text, pos);
            if (word == pos || !AddressParts.isCapitalized(text, pos, word)) {
                break;
            }
            words++;
            pos = word;
            if (pos + 1 >= n || text.charAt(pos) != ' ' || !Chars.isUpper(text.charAt(pos + 1))) {
                break;
            }
            pos++;
        }
        if (words == 0) {
            return start;
        }
        int units = AddressParts.unitsEnd(text, pos);
        int end = AddressParts.localityEnd(text, units);
        if (end < 0 || !endsWithZip(text, units, end)) {
            return start;
        }
        boolean context = AddressParts.CONTEXT.before(text.chars(), start, AddressParts.CONTEXT_WINDOW);
        out.add(new Span(PiiType.ADDRESS, start, end, Confidence.boosted(FULL, context)));
        return end;
    }

    private static boolean endsWithZip(Text text, int from, int end) {
        int digits = 0;
        for (int i = end - 1; i >= from && Chars.isDigit(text.charAt(i)); i--) {
            digits++;
        }
        return digits == 5 || (digits == 4 && end - 5 >= from && text.charAt(end - 5) == '-');
    }

    /**
     * The end of the street name and type starting at {@code p}, with bit 32 set for a strong type,
     * or -1. The type must follow at least one name word; a second type right after the first
     * extends the street ({@code Oak Park Road}).
     */
    static long streetEnd(Text text, int p) {
        int n = text.length();
        int pos = p;
        int nameWords = 0;
        int end = -1;
        boolean strong = false;
        for (int k = 0; k <= MAX_NAME_WORDS + 1 && pos < n; k++) {
            int token = AddressParts.tokenEnd(text, pos);
            if (token == pos) {
                break;
            }
            // the four lists this token is probed in, looked up at once
            int words = STREET_WORDS.maskAt(text.chars(), pos);
            int numbered = end < 0 && (words & NUMBERED) != 0 ? numberedRoadEnd(text, pos) : -1;
            if (numbered > 0) {
                end = numbered;
                strong = true;
                pos = end;
                if (pos + 1 >= n || text.charAt(pos) != ' ') {
                    break;
                }
                pos++;
                continue;
            }
            int strongEnd = (words & STRONG) != 0 ? STRONG_TYPES.matchAt(text.chars(), pos) : -1;
            int weakEnd = strongEnd > 0 || (words & WEAK) == 0 ? -1 : WEAK_TYPES.matchAt(text.chars(), pos);
            int typeEnd = Math.max(strongEnd, weakEnd);
            boolean typeCase = typeEnd > 0 && (Chars.isUpper(text.charAt(pos)) || typeEnd - pos >= 4);
            boolean broadway = strongEnd > 0 && Chars.regionMatchesIgnoreCase(text.chars(), pos, "broadway", 0, 8);
            if (typeCase && (nameWords > 0 || broadway) && (end < 0 || end + 1 == pos)) {
                end = typeEnd; // abbreviations are listed with and without their dot
                strong |= strongEnd > 0;
                pos = end;
            } else if (end >= 0) {
                break;
            } else if (nameWords == 0 && token - pos == 3 && Chars.regionMatchesIgnoreCase(text.chars(), pos, "and", 0, 3)) {
                break; // "… Lipowa 12 and Harlan Road": the number ends one street, "and" starts a corner
            } else if (isNameWord(text, pos, token, words) || (nameWords > 0 && Chars.countDigits(text.chars(), pos, token) == token - pos)) {
                nameWords++;
                pos = token;
                if (pos < n && text.charAt(pos) == '.' && token - pos <= 3) {
                    pos++;
                }
            } else {
                break;
            }
            if (nameWords > MAX_NAME_WORDS || pos + 1 >= n || text.charAt(pos) != ' ') {
                break;
            }
            pos++;
        }
        if (end < 0) {
            return -1;
        }
        return strong ? (1L << 32) | end : end;
    }

    /** The end of {@code Highway 32} or {@code I-552} at {@code p}, or -1. */
    private static int numberedRoadEnd(Text text, int p) {
        if (!Chars.isUpper(text.charAt(p))) {
            return -1;
        }
        int word = NUMBERED_ROADS.matchAt(text.chars(), p);
        if (word < 0) {
            return -1;
        }
        int q = text.charAt(word - 1) == '-' ? word : AddressParts.skipBlanks(text, word);
        int end = q;
        while (end < text.length() && end - q < 4 && Chars.isDigit(text.charAt(end))) {
            end++;
        }
        return end > q && text.wordEndsAt(end) ? end : -1;
    }

    /** Whether {@code text[start, end)} may be a word of a street's name; {@code words} is its mask. */
    private static boolean isNameWord(Text text, int start, int end, int words) {
        if (AddressParts.isCapitalized(text, start, end)) {
            return true;
        }
        if (AddressParts.isOrdinal(text, start, end)) {
            return true;
        }
        return (words & PARTICLE) != 0 && PARTICLES.matchAt(text.chars(), start) == end;
    }

    /** The start of a unit word ({@code Flat}, {@code Apt}) right before the number at {@code start}, or -1. */
    private static int unitWordBefore(Text text, int start) {
        int p = start;
        if (p < 2 || text.charAt(p - 1) != ' ') {
            return -1;
        }
        p--;
        int end = p;
        if (text.charAt(p - 1) == '.') {
            p--;
        }
        while (p > 0 && end - p < 10 && Chars.isAsciiLetter(text.charAt(p - 1))) {
            p--;
        }
        return p < end && text.wordStartsAt(p) && Chars.isUpper(text.charAt(p))
                && AddressParts.UNITS.matchAt(text.chars(), p) == end ? p : -1;
    }

    /** The start of a unit written before the number ({@code Flat 2, 9 Grand Avenue}), or {@code start}. */
    private static int unitBefore(Text text, int start) {
        int p = start;
        // ", " or " " between the unit and the number
        if (p >= 2 && text.charAt(p - 1) == ' ' && text.charAt(p - 2) == ',') {
            p -= 2;
        } else if (p >= 1 && text.charAt(p - 1) == ' ') {
            p -= 1;
        } else {
            return start;
        }
        int idEnd = p;
        while (p > 0 && idEnd - p < 6 && Chars.isAsciiAlnum(text.charAt(p - 1))) {
            p--;
        }
        if (p == idEnd || p < 2 || text.charAt(p - 1) != ' ') {
            return start;
        }
        int wordEnd = p - 1;
        int w = wordEnd;
        while (w > 0 && wordEnd - w < 9 && Chars.isAsciiLetter(text.charAt(w - 1))) {
            w--;
        }
        if (w == wordEnd || !text.wordStartsAt(w) || !Chars.isUpper(text.charAt(w))) {
            return start;
        }
        int unit = AddressParts.unitEnd(text, w);
        return unit == idEnd ? w : start;
    }
}
