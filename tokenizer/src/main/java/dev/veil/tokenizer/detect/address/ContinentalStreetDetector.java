package dev.veil.tokenizer.detect.address;

import dev.veil.tokenizer.detect.Chars;
import dev.veil.tokenizer.detect.Confidence;
import dev.veil.tokenizer.detect.ContextWords;
import dev.veil.tokenizer.detect.IndexedDetector;
import dev.veil.tokenizer.detect.PiiType;
import dev.veil.tokenizer.detect.Span;
import dev.veil.tokenizer.detect.TextIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds streets of continental Europe written the local way: a name ending in a street word and
 * a house number ({@code Teichweg 5}, {@code Vesterbrogade 12}, {@code Mannerheimintie 40},
 * {@code Villacher Straße 89}, {@code Király utca 15}), a street type first ({@code Rue Oberkampf 9},
 * {@code Via dei Mille 17}, {@code ul. Długa 61}), or the French order with the number first
 * ({@code 12 rue de la Paix}); then the unit, postcode and town, or address block, that follow.
 */
public final class ContinentalStreetDetector implements IndexedDetector, ScannedDetector {

    /**
     * Endings of one-word street names with the shortest word each may end ({@code tie/8}: "necktie"
     * is not a street). German, Dutch, Scandinavian, Finnish, Icelandic and Hungarian.
     */
    private static final String[] SUFFIXES = {
        "straße/8", "strasse/9", "gasse/7", "weg/5", "allee/7", "platz/7", "damm/6", "ufer/6", "steig/7", "pfad/6",
        "chaussee/9", "straat/8", "laan/6", "gracht/8", "kade/6", "plein/7", "dreef/7", "singel/8", "dijk/6",
        "steeg/7", "vej/5", "gade/7", "stræde/8", "veien/7", "vegen/7", "gata/6", "gatan/7", "vägen/7", "väg/5",
        "plads/7", "torv/6", "torget/8", "katu/6", "tie/8", "kuja/6", "polku/7", "kaari/7", "väylä/7", "stræti/8",
        "vegur/7", "braut/7", "utca/7"};
    private static final String[] SUFFIX_WORDS = new String[SUFFIXES.length];
    private static final int[] SUFFIX_MIN_LENGTHS = new int[SUFFIXES.length];
    /**
     * Per ASCII character a word may end in, the suffixes it may end: those ending in that letter
     * (the suffixes end in lower case) and those ending beyond ASCII; a word ending beyond ASCII
     * is tried against all of them.
     */
    private static final int[][] SUFFIXES_BY_LAST = new int[128][];
    private static final int[] ALL_SUFFIXES = new int[SUFFIXES.length];

    static {
        for (int k = 0; k < SUFFIXES.length; k++) {
            int slash = SUFFIXES[k].indexOf('/');
            SUFFIX_WORDS[k] = SUFFIXES[k].substring(0, slash);
            SUFFIX_MIN_LENGTHS[k] = SUFFIXES[k].charAt(slash + 1) - '0';
            ALL_SUFFIXES[k] = k;
        }
        for (char last = 0; last < 128; last++) {
            int[] ends = new int[SUFFIXES.length];
            int count = 0;
            for (int k = 0; k < SUFFIXES.length; k++) {
                char suffixLast = SUFFIX_WORDS[k].charAt(SUFFIX_WORDS[k].length() - 1);
                if (suffixLast >= 128 || (last | 0x20) == suffixLast) {
                    ends[count++] = k;
                }
            }
            SUFFIXES_BY_LAST[last] = Arrays.copyOf(ends, count);
        }
    }

    /** Words that end like a street but are not one. */
    private static final ContextWords NOT_STREETS = ContextWords.of("brigade", "renegade", "blockade");

    /** Street words written as a word of their own after the name: {@code Villacher Straße 89}, {@code Király u. 15}. */
    private static final String[] TYPE_AFTER_WORDS = {
        "straße", "strasse", "str.", "gasse", "weg", "allee", "platz", "straat", "laan", "vej", "gade", "gata",
        "gatan", "katu", "utca", "u.", "út", "útja", "tér", "körút", "sor", "ulica", "cesta"};
    private static final ContextWords TYPE_AFTER = ContextWords.of(TYPE_AFTER_WORDS);

    /**
     * Per ASCII last character {@code l} and ASCII character before it {@code b} (entry
     * {@code l << 7 | b}), the suffixes and words whose last two characters are those, case aside
     * (as {@link String#regionMatches(boolean, int, String, int, int)} compares them): mostly none,
     * as most numbers a text holds follow a word that ends like no street ("order 12", "at 5"), so
     * {@link #streetWordEndsAt} compares no ending there, and one or two elsewhere.
     */
    private static final String[][] ENDINGS_BY_PAIR = new String[128 * 128][];
    /**
     * Per entry of {@link #ENDINGS_BY_PAIR}, the {@link #asciiClass} bits of the ASCII characters
     * that may stand before the pair where one of its endings matches (every bit for a two-character
     * ending): the pairs "at", "in", "er", "en" end many words before a number, and the character
     * before them turns most of those down without comparing a whole ending.
     */
    private static final int[] BEFORE_PAIR = new int[128 * 128];
    /**
     * Per ASCII character, the suffixes and words of {@link #TYPE_AFTER} that may end a text at it
     * ({@link #streetWordEndsAt}): those ending in it, case aside, and those ending beyond ASCII; a
     * character beyond ASCII may end any of them (case folding pairs a few with ASCII letters).
     */
    private static final String[][] ENDINGS_BY_LAST = new String[128][];
    private static final String[] ALL_ENDINGS;

    static {
        List<String> all = new ArrayList<>(List.of(SUFFIX_WORDS));
        all.addAll(List.of(TYPE_AFTER_WORDS));
        ALL_ENDINGS = all.toArray(new String[0]);
        for (char last = 0; last < 128; last++) {
            List<String> ends = new ArrayList<>();
            for (String ending : ALL_ENDINGS) {
                char endingLast = ending.charAt(ending.length() - 1);
                if (endingLast >= 128 || (last | 0x20) == (endingLast | 0x20)) {
                    ends.add(ending);
                }
            }
            ENDINGS_BY_LAST[last] = ends.toArray(new String[0]);
        }
        List<List<String>> byPair = new ArrayList<>();
        for (int pair = 0; pair < ENDINGS_BY_PAIR.length; pair++) {
            byPair.add(new ArrayList<>());
        }
        for (String ending : ALL_ENDINGS) {
            char endingLast = ending.charAt(ending.length() - 1);
            char endingBefore = ending.charAt(ending.length() - 2);
            for (char last = 0; last < 128; last++) {
                for (char before = 0; before < 128; before++) {
                    if (sameIgnoringCase(last, endingLast) && sameIgnoringCase(before, endingBefore)) {
                        byPair.get(last << 7 | before).add(ending);
                    }
                }
            }
        }
        String[] none = new String[0];
        for (int pair = 0; pair < ENDINGS_BY_PAIR.length; pair++) {
            ENDINGS_BY_PAIR[pair] = byPair.get(pair).isEmpty() ? none : byPair.get(pair).toArray(none);
            for (String ending : ENDINGS_BY_PAIR[pair]) {
                int length = ending.length();
                for (char c = 0; c < 128; c++) {
                    if (length == 2 || sameIgnoringCase(c, ending.charAt(length - 3))) {
                        BEFORE_PAIR[pair] |= 1 << asciiClass(c);
                    }
                }
            }
        }
    }

    /** A class of 32 for an ASCII character: its letter, case aside, or one of six for any other. */
    private static int asciiClass(char c) {
        return Chars.isAsciiLetter(c) ? (c | 0x20) - 'a' : 26 + c % 6;
    }

    /** Whether {@link String#regionMatches(boolean, int, String, int, int)} takes {@code a} for {@code b}. */
    private static boolean sameIgnoringCase(char a, char b) {
        char upperA = Character.toUpperCase(a);
        char upperB = Character.toUpperCase(b);
        return a == b || upperA == upperB || Character.toLowerCase(upperA) == Character.toLowerCase(upperB);
    }

    /** Street types written before the name: French, Italian, Portuguese, Polish, Romanian, Greek. */
    static final ContextWords TYPE_BEFORE = ContextWords.of(
            "rue", "avenue", "boulevard", "boul", "boul.", "bd", "bd.", "chemin", "allée", "impasse", "quai", "place", "cours",
            "faubourg", "via", "viale", "piazza", "piazzale", "corso", "largo", "vicolo", "strada", "rua", "travessa",
            "praça", "alameda", "estrada", "ul.", "ulica", "al.", "aleja", "os.", "osiedle", "plac", "calea",
            "bulevardul", "odos");
    /** Types that are also ordinary lower-case words elsewhere, so they count only when capitalised. */
    private static final ContextWords CAPITALISED_ONLY = ContextWords.of(
            "via", "place", "cours", "largo", "corso", "quai", "plac", "strada", "calea", "avenue", "boulevard");

    /** Types that follow a number in English too ("2 via email", "3 place settings"): capitalised only there. */
    private static final ContextWords ENGLISH_AFTER_NUMBER = ContextWords.of("via", "place", "cours", "corso", "largo");

    /** Lower-case words inside a street name: {@code Via dei Mille}, {@code Rue de la Paix}, {@code Rua Sete de Setembro}. */
    private static final ContextWords PARTICLES = ContextWords.of(
            "de", "du", "des", "la", "le", "les", "l'", "d'", "del", "della", "delle", "dei", "degli", "di", "da",
            "do", "dos", "das", "e", "y", "van", "von", "der", "den", "am", "an", "im", "zum", "zur");

    private static final int MAX_NAME_WORDS = 5;
    private static final double STREET = Confidence.PATTERN;
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
        // the walk below reads only the words where a street may start, which the shared scan
        // found in its pass over every word; see walksTo for the words between them
        char[] chars = scan.chars();
        TextIndex index = scan.index();
        int[] starts = index.wordStarts();
        int count = index.wordCount();
        int from = 0; // the word start the walk lands on next, as far as known
        for (int k : scan.continentalStarts()) {
            if (k < from || !walksTo(chars, starts, count, from, k)) {
                continue;
            }
            int i = starts[k];
            char c = chars[i];
            boolean letter = c < 128 ? Chars.isAsciiLetter(c) : Chars.isLetter(c);
            // a type-first street starts with a word of TYPE_BEFORE, which the shared scan has looked up
            int end = letter ? (scan.masks()[k] & WordClasses.TYPE_BEFORE) != 0 ? typeFirst(text, i, out) : -1
                    : numberFirst(text, i, scan, k, out);
            // a name-first street's number follows within a few words, and it starts capitalised or
            // after a building number (nameFirst's first test)
            if (end < 0 && letter && numberWithinName(scan, k) && (Chars.isUpper(c)
                    || (i >= 2 && chars[i - 1] == ' ' && Chars.isDigit(chars[i - 2]) && afterBuildingNumber(text, i)))) {
                end = nameFirst(text, i, out);
            }
            from = end > i ? TextIndex.seek(starts, count, k, end) : step(chars, starts, count, k);
        }
    }

    /**
     * Whether a street may start at a word beginning with {@code c}: the tests {@link #detect} makes
     * before any reading of its own, so a word failing this finds nothing there. {@code mask} is the
     * word's {@link AddressScan} mask, {@code following} the two next words' masks together,
     * {@code blanksAfter} the next word start's {@link AddressScan#blanksToNumber}, {@code streetAfter}
     * whether the number that walk reaches follows a street word ({@link #streetWordEndsAt}), and
     * {@code afterNumber} whether a digit and a blank stand right before the word.
     */
    static boolean mayStart(char c, int mask, int following, int blanksAfter, boolean streetAfter, boolean afterNumber) {
        if (Chars.isDigit(c)) {
            return (following & WordClasses.TYPE_BEFORE) != 0; // numberFirst's first test
        }
        boolean letter = c < 128 ? Chars.isAsciiLetter(c) : Chars.isLetter(c);
        return letter && ((mask & WordClasses.TYPE_BEFORE) != 0
                || (blanksAfter <= MAX_NAME_WORDS && streetAfter && (afterNumber || Chars.isUpper(c))));
    }

    /** The suffixes and words {@link #streetWordEndsAt} looks for, for tests. */
    static List<String> streetEndings() {
        return List.of(ALL_ENDINGS);
    }

    /**
     * Whether the text before {@code end} ends with a suffix of {@link #SUFFIXES} or a word of
     * {@link #TYPE_AFTER}, case aside: a name-first street's number follows such an ending and a
     * blank ({@link #nameFirst} tests the word before the number for one), so where the number a
     * walk from a word reaches follows none, no name-first street starts at that word.
     */
    static boolean streetWordEndsAt(Text text, int end) {
        if (end == 0) {
            return false;
        }
        char last = text.charAt(end - 1);
        char before = end >= 2 ? text.charAt(end - 2) : 0;
        char[] chars = text.chars();
        if (last < 128 && before < 128) {
            // only the endings whose last two characters these are may match, and of those only the
            // ones the character before them may continue
            int pair = last << 7 | before;
            char third = end >= 3 ? text.charAt(end - 3) : 0;
            if (end >= 3 && third < 128 && (BEFORE_PAIR[pair] & 1 << asciiClass(third)) == 0) {
                return false;
            }
            for (String ending : ENDINGS_BY_PAIR[pair]) {
                int from = end - ending.length();
                if (from >= 0 && Chars.regionMatchesIgnoreCase(chars, from, ending, 0, ending.length())) {
                    return true;
                }
            }
            return false;
        }
        // the character before the last turns most endings down at once where both are ASCII (then
        // case folding is ASCII's), before the full comparison
        char beforeLower = before >= 'A' && before <= 'Z' ? (char) (before | 0x20) : before;
        for (String ending : last < 128 ? ENDINGS_BY_LAST[last] : ALL_ENDINGS) {
            int length = ending.length();
            int from = end - length;
            char endingBefore = ending.charAt(length - 2); // every ending has two characters or more
            if (from >= 0 && (before >= 128 || endingBefore >= 128 || endingBefore == beforeLower)
                    && Chars.regionMatchesIgnoreCase(chars, from, ending, 0, length)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where the scan of every word start goes from word {@code k} when nothing was found there: on
     * to the next word, or past the end of the token ({@link AddressParts#tokenEnd}) where a joiner
     * glues the next word to this one.
     */
    private static int step(char[] chars, int[] starts, int count, int k) {
        int i = starts[k];
        char c = chars[i];
        boolean letter = c < 128 ? Chars.isAsciiLetter(c) : Chars.isLetter(c);
        if (!(letter || Chars.isDigit(c)) || (k + 1 < count && !joined(chars, starts[k + 1]))) {
            return k + 1;
        }
        return TextIndex.seek(starts, count, k, Math.max(i + 1, tokenEnd(chars, i)));
    }

    /**
     * Whether the scan of every word start, stepping with {@link #step} from word {@code from}, lands
     * on word {@code k >= from}. It lands on every word not joined to the one before it (a step
     * passes a token, and a token stops before the character that starts such a word), so the walk
     * is followed only from the nearest of those at or before {@code k}.
     */
    private static boolean walksTo(char[] chars, int[] starts, int count, int from, int k) {
        int j = k;
        while (j > from && joined(chars, starts[j])) {
            j--;
        }
        while (j < k) {
            j = step(chars, starts, count, j);
        }
        return j == k;
    }

    /**
     * Whether a number may end a name-first street starting at word {@code k}: {@link #nameFirst}
     * reads at most {@link #MAX_NAME_WORDS} words of letters, each followed by one blank, up to a
     * digit, so every word start up to that digit's follows a blank (at most that many of them) or
     * a joiner inside a word ("Saint-Denis"). A necessary test only: nameFirst still reads the words.
     * The shared scan has counted those blanks for every word start in one pass.
     */
    private static boolean numberWithinName(AddressScan scan, int k) {
        return scan.blanksToNumber(k + 1) <= MAX_NAME_WORDS;
    }

    /**
     * Whether a {@code '} or {@code -} joins the word start at {@code p} to the word before it
     * ("Saint-Denis"): then the scan passing that word goes on at the end of its token
     * ({@link AddressParts#tokenEnd}), past this word start; else at this word start, since the
     * character before a word start is no word character and only those two carry a token over it.
     */
    private static boolean joined(char[] chars, int p) {
        char before = chars[p - 1];
        return before == '\'' || before == '-';
    }

    /** {@link AddressParts#tokenEnd} read from the text's characters ("don't" is passed at each apostrophe). */
    private static int tokenEnd(char[] chars, int p) {
        int n = chars.length;
        int end = p;
        while (end < n && (Chars.isLetterOrDigit(chars[end])
                || ((chars[end] == '\'' || chars[end] == '-') && end > p && end + 1 < n && Chars.isLetterOrDigit(chars[end + 1])))) {
            end++;
        }
        return end;
    }

    /** {@code [12 ]Teichweg 5}, {@code Villacher Straße 89}, {@code Árpád fejedelem útja 3.} starting at the name. */
    private static int nameFirst(Text text, int start, List<Span> out) {
        int n = text.length();
        if (!Chars.isUpper(text.charAt(start)) && !afterBuildingNumber(text, start)) {
            return -1;
        }
        int pos = start;
        for (int words = 0; words < MAX_NAME_WORDS && pos < n; words++) {
            int word = AddressParts.wordEnd(text, pos);
            if (word == pos) {
                return -1;
            }
            int street = word < n && text.charAt(word) == '.' ? word + 1 : word;
            if (street + 1 < n && text.charAt(street) == ' ' && Chars.isDigit(text.charAt(street + 1))) {
                // a number follows: this word must be the street word ("Teichweg 5", "Király u. 15")
                boolean suffix = street == word && (Chars.isUpper(text.charAt(pos)) || words == 0)
                        && streetSuffix(text, pos, word);
                boolean type = words > 0 && TYPE_AFTER.matchAt(text.chars(), pos) == street;
                int number = suffix || type ? numberAfter(text, street) : -1;
                return number < 0 ? -1 : report(text, buildingNumberBefore(text, start), number, out);
            }
            // the words before the street word: capitalised, or a lower-case middle word ("Árpád fejedelem útja")
            if (words > 0 && !Chars.isUpper(text.charAt(pos)) && PARTICLES.matchAt(text.chars(), pos) != word
                    && !(words == 1 && word - pos >= 4)) {
                return -1;
            }
            if (word >= n || text.charAt(word) != ' ') {
                return -1;
            }
            pos = word + 1;
        }
        return -1;
    }

    /** {@code Rue Oberkampf 9}, {@code ul. Długa 61}, {@code [643 ]Via dei Mille 17} starting at the type. */
    private static int typeFirst(Text text, int start, List<Span> out) {
        int type = typeBefore(text, start);
        if (type < 0) {
            return -1;
        }
        int pos = AddressParts.skipBlanks(text, type);
        if (pos == type) {
            return -1;
        }
        int nameEnd = nameEnd(text, pos);
        if (nameEnd < 0) {
            return -1;
        }
        int number = numberAfter(text, nameEnd);
        return number < 0 ? -1 : report(text, buildingNumberBefore(text, start), number, out);
    }

    /**
     * {@code 12 rue de la Paix}, {@code 33 Avenue du Golf}: the number, the type, the name; word
     * {@code k} of {@code scan} starts at {@code start}.
     */
    private static int numberFirst(Text text, int start, AddressScan scan, int k, List<Span> out) {
        // the type is the next word, or the one after it where the number is a range or has a
        // letter after a dash ("185-187 rue", "35-B rue"): without a type there, nothing is read
        int[] masks = scan.masks();
        int count = scan.index().wordCount();
        int following = (k + 1 < count ? masks[k + 1] : 0) | (k + 2 < count ? masks[k + 2] : 0);
        if ((following & WordClasses.TYPE_BEFORE) == 0) {
            return -1;
        }
        int number = AddressParts.houseNumberEnd(text, start);
        if (number < 0 || !Chars.numberStartsAt(text.chars(), start) || number + 2 >= text.length()) {
            return -1;
        }
        // "12 rue …", or with a comma as in Quebec: "5800, rue Saint-Denis"
        int typeStart = text.charAt(number) == ' ' ? number + 1
                : text.charAt(number) == ',' && text.charAt(number + 1) == ' ' ? number + 2 : -1;
        if (typeStart < 0) {
            return -1;
        }
        // the type's word starts after a blank: where the shared scan saw no type there, none matches
        int[] starts = scan.index().wordStarts();
        int next = TextIndex.seek(starts, count, k, typeStart);
        if (next == count || starts[next] != typeStart || (masks[next] & WordClasses.TYPE_BEFORE) == 0) {
            return -1;
        }
        int type = TYPE_BEFORE.matchAt(text.chars(), typeStart);
        if (type < 0 || (ENGLISH_AFTER_NUMBER.matchAt(text.chars(), typeStart) > 0 && !Chars.isUpper(text.charAt(typeStart)))) {
            return -1;
        }
        int pos = AddressParts.skipBlanks(text, type);
        if (pos == type) {
            return -1;
        }
        int end = nameEnd(text, pos);
        if (end < 0) {
            return -1;
        }
        // "9383 ul. Długa 61": a building number, then the street with its own number
        int second = numberAfter(text, end);
        return report(text, start, second > 0 ? second : end, out);
    }

    /** The end of a type-first street word at {@code p} in the case it may take, or -1. */
    private static int typeBefore(Text text, int p) {
        int type = TYPE_BEFORE.matchAt(text.chars(), p);
        if (type < 0) {
            return -1;
        }
        boolean capitalised = Chars.isUpper(text.charAt(p));
        return capitalised || CAPITALISED_ONLY.matchAt(text.chars(), p) < 0 ? type : -1;
    }

    /** The end of a street name of particles and capitalised words (at least one) at {@code p}, or -1. */
    private static int nameEnd(Text text, int p) {
        int n = text.length();
        int pos = p;
        int end = -1;
        for (int words = 0; words < MAX_NAME_WORDS && pos < n; words++) {
            int word = AddressParts.wordEnd(text, pos);
            if (word == pos) {
                break;
            }
            int particle = PARTICLES.matchAt(text.chars(), pos);
            if (particle == word || (particle > 0 && particle == pos + 2 && text.charAt(pos + 1) == '\'')) {
                // "de", or "l'" glued to the next word
            } else if (Chars.isUpper(text.charAt(pos)) && hasLowerCase(text, pos, word)) {
                end = word;
            } else {
                break;
            }
            if (word >= n || text.charAt(word) != ' ') {
                break;
            }
            pos = word + 1;
        }
        return end;
    }

    private static boolean hasLowerCase(Text text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.isLowerCase(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean streetSuffix(Text text, int start, int end) {
        int length = end - start;
        char last = text.charAt(end - 1);
        // the suffixes end in lower-case letters: an ASCII word end that differs cannot match
        for (int k : last < 128 ? SUFFIXES_BY_LAST[last] : ALL_SUFFIXES) {
            String suffix = SUFFIX_WORDS[k];
            if (length >= SUFFIX_MIN_LENGTHS[k]
                    && Chars.regionMatchesIgnoreCase(text.chars(), end - suffix.length(), suffix, 0, suffix.length())) {
                return NOT_STREETS.matchAt(text.chars(), start) != end;
            }
        }
        return false;
    }

    /** The end of a house number after a single blank at {@code p} ({@code 5}, {@code 12B}, {@code 3.}), or -1. */
    private static int numberAfter(Text text, int p) {
        int n = text.length();
        if (p + 1 >= n || text.charAt(p) != ' ' || !Chars.isDigit(text.charAt(p + 1))) {
            return -1;
        }
        int number = AddressParts.houseNumberEnd(text, p + 1);
        if (number < 0 && p + 1 < n) {
            // "útja 3." and "61," are house numbers closing a clause
            int digits = p + 1;
            while (digits < n && digits - p <= 5 && Chars.isDigit(text.charAt(digits))) {
                digits++;
            }
            number = digits < n && (text.charAt(digits) == '.' || text.charAt(digits) == ',') && AddressParts.closesClause(text, digits)
                    ? digits : -1;
        }
        if (number < 0 || (number < n && (text.charAt(number) == '%' || text.charAt(number) == '€'))) {
            return -1;
        }
        return number;
    }

    private static boolean afterBuildingNumber(Text text, int start) {
        return buildingNumberBefore(text, start) < start;
    }

    /** The start of a building number and a blank right before {@code start} ({@code 27534 Teichweg 5}), or {@code start}. */
    private static int buildingNumberBefore(Text text, int start) {
        if (start < 2 || text.charAt(start - 1) != ' ' || !Chars.isDigit(text.charAt(start - 2))) {
            return start;
        }
        int d = start - 1;
        while (d > 0 && start - d < 7 && Chars.isDigit(text.charAt(d - 1))) {
            d--;
        }
        return Chars.numberStartsAt(text.chars(), d) ? d : start;
    }

    private static int report(Text text, int start, int street, List<Span> out) {
        int units = AddressParts.unitsEnd(text, street);
        int end = units;
        int town = postcodeTownEnd(text, units);
        if (town > 0) {
            end = town;
        } else {
            int locality = AddressParts.localityEnd(text, units);
            if (locality < 0) {
                // the town may have been read as part of the name: "rue Holt Montréal (Québec) H2G 3H1"
                int province = AddressParts.provincePostcodeEnd(text, AddressParts.skipSeparator(text, units));
                locality = province > units && text.charAt(AddressParts.skipSeparator(text, units)) == '(' ? province : -1;
            }
            end = locality > 0 ? locality : AddressParts.blockEnd(text, units);
        }
        boolean context = AddressParts.CONTEXT.before(text.chars(), start, AddressParts.CONTEXT_WINDOW);
        out.add(new Span(PiiType.ADDRESS, start, end, Confidence.boosted(end > street ? FULL : STREET, context)));
        return end;
    }

    /** A European postcode and town on the same line: {@code , 8010 Graz}, {@code 1017 CT Amsterdam}; or -1. */
    private static int postcodeTownEnd(Text text, int p) {
        int n = text.length();
        int q = AddressParts.skipBlanks(text, p);
        if (q < n && text.charAt(q) == ',') {
            q = AddressParts.skipBlanks(text, q + 1);
        }
        if (q == p) {
            return -1;
        }
        int digits = q;
        while (digits < n && digits - q < 6 && Chars.isDigit(text.charAt(digits))) {
            digits++;
        }
        if (digits - q < 4 || digits - q > 5 || !Chars.numberStartsAt(text.chars(), q) || digits >= n || text.charAt(digits) != ' ') {
            return -1;
        }
        int pos = digits + 1;
        if (pos + 3 < n && Chars.isUpper(text.charAt(pos)) && Chars.isUpper(text.charAt(pos + 1)) && text.charAt(pos + 2) == ' ') {
            pos += 3; // Dutch "1017 CT"
        }
        int town = AddressParts.wordEnd(text, pos);
        if (town == pos || !Chars.isUpper(text.charAt(pos))) {
            return -1;
        }
        return town;
    }
}
