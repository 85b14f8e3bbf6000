package dev.veil.tokenizer.detect.address;

import dev.veil.tokenizer.detect.Chars;
import dev.veil.tokenizer.detect.TextIndex;
import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * What the address detectors share about one text: which of the word lists that start their
 * matches may have a phrase at each word start ({@link WordClasses}: one hash per word for all of
 * them, where each detector used to probe its own lists at every word), and where a scan that passes
 * a word goes on. Built per text and dropped with it: nothing is kept between texts.
 */
final class AddressScan {

    private final Text text;
    /** The text's characters, for the scans that read every one of them. */
    private final char[] chars;
    private final TextIndex index;
    private final int[] masks;
    /** The indexes of the word starts whose mask has some bit set, ascending: the only ones a visit may call. */
    private final int[] hits;
    /**
     * The indexes of the word starts where {@link ContinentalStreetDetector#mayStart} holds, and of
     * those where {@link UkPostcodeDetector#mayStart} holds, ascending: found from the pass over every
     * word and the one over every number, so those detectors read no character of any other word.
     */
    private final int[] continentalStarts;
    private final int[] ukPostcodeStarts;
    /** Per number start of the index, the end of its run of digits and of its house number: see {@link #digitsEnd}. */
    private final int[] digitEnds;
    private final int[] houseEnds;
    /**
     * The indexes of the number starts where {@link StreetAddressDetector#mayStart} holds, and of those
     * where a number of at most six digits and a blank start more text ({@link #blockStarts}), ascending.
     */
    private final int[] streetStarts;
    private final int[] blockStarts;

    /** The most blanks {@link #blanksToNumber} counts; above it, "more or none". */
    static final int MAX_BLANKS = 7;

    /** The scan of {@code text}, whose index is {@code index}: one pass over its words and one over its numbers. */
    private AddressScan(Text text, TextIndex index) {
        this.text = text;
        this.chars = text.chars();
        this.index = index;
        int count = index.wordCount();
        int[] wordStarts = index.wordStarts();
        // one pass over the words: where a list may match, and whether a UK postcode may start there
        this.masks = WordClasses.of(index);
        // the hits and postcode starts are a few per cent of the words: lists sized to the word count
        // were, with the masks, the largest allocations of a registry call over a long text
        int[] hitList = new int[Math.min(count, 64)];
        int[] uk = new int[Math.min(count, 16)];
        int hitCount = 0;
        int ukCount = 0;
        for (int j = 0; j < count; j++) {
            int p = wordStarts[j];
            if ((masks[j] & WordClasses.ADDRESS) != 0) {
                hitList = room(hitList, hitCount);
                hitList[hitCount++] = j;
            }
            if (UkPostcodeDetector.mayStart(chars, p)) {
                uk = room(uk, ukCount);
                uk[ukCount++] = j;
            }
        }
        this.hits = Arrays.copyOf(hitList, hitCount);
        this.ukPostcodeStarts = Arrays.copyOf(uk, ukCount);
        // the continental candidates that a street type before the name makes: read from the hits
        Candidates continental = new Candidates();
        for (int k : hits) {
            if ((masks[k] & WordClasses.TYPE_BEFORE) == 0) {
                continue;
            }
            // the type's own word, or a number one or two words before it ("12 rue", "185-187 rue")
            for (int j = Math.max(0, k - 2); j <= k; j++) {
                if (mayStartContinental(j, false, MAX_BLANKS + 1)) {
                    continental.add(j);
                }
            }
        }
        // every number is read once here, for the street detector, the uncased reading and the
        // numbered blocks, which all start at numbers; and each is told whether it may start them
        int n = chars.length;
        int numbers = index.numberCount();
        int[] numberStarts = index.numberStarts();
        this.digitEnds = new int[numbers];
        this.houseEnds = new int[numbers];
        int[] streets = new int[Math.min(numbers, 64)];
        int[] blocks = new int[Math.min(numbers, 64)];
        int streetCount = 0;
        int blockCount = 0;
        for (int k = 0; k < numbers; k++) {
            int p = numberStarts[k];
            int end = p;
            while (end < n && Chars.isDigit(chars[end])) {
                end++;
            }
            digitEnds[k] = end;
            if (end == p) {
                houseEnds[k] = -1; // a '+' or '(' before a digit
                continue;
            }
            int house = AddressParts.houseNumberEnd(text, p, end);
            houseEnds[k] = house;
            if (StreetAddressDetector.mayStart(chars, p, house)) {
                streets = room(streets, streetCount);
                streets[streetCount++] = k;
            }
            if (end - p <= 6 && end + 1 < n && chars[end] == ' ') {
                blocks = room(blocks, blockCount);
                blocks[blockCount++] = k;
            }
            // a number after a blank and a street word ("Teichweg 5") ends a name-first street:
            // the words a few blanks before it are candidates (rare: most numbers follow no such word)
            if (p > 0 && chars[p - 1] == ' ' && ContinentalStreetDetector.streetWordEndsAt(text, p - 1)) {
                int d = Arrays.binarySearch(wordStarts, 0, count, p); // a digit after a blank starts a word
                if (d > 0) {
                    nameFirstCandidates(d, continental);
                }
            }
        }
        this.streetStarts = Arrays.copyOf(streets, streetCount);
        this.blockStarts = Arrays.copyOf(blocks, blockCount);
        this.continentalStarts = continental.ascending();
    }

    /** {@code list}, or a copy twice its length when its {@code size} entries fill it. */
    private static int[] room(int[] list, int size) {
        return size < list.length ? list : Arrays.copyOf(list, Math.max(1, size * 2));
    }

    /**
     * Adds to {@code list} the word starts before the number at word {@code d} where a name-first
     * street ending at that number may start: walking back word by word while each word follows a
     * blank or a joiner, up to {@link #MAX_BLANKS} blanks (a walk ahead from each of those words
     * reaches that number: see {@link #blanksToNumber}).
     */
    private void nameFirstCandidates(int d, Candidates list) {
        int[] wordStarts = index.wordStarts();
        int blanks = 1; // the number's own blank: blanksToNumber(d)
        for (int j = d - 1; j >= 0; j--) {
            if (mayStartContinental(j, true, blanks)) {
                list.add(j);
            }
            if (j == 0) {
                break;
            }
            int p = wordStarts[j];
            char before = chars[p - 1];
            if (before != ' ' && before != '-' && before != '\'' && before != '’' || Chars.isDigit(chars[p])) {
                break; // no walk from a word before j reaches number d
            }
            blanks += before == ' ' ? 1 : 0;
            if (blanks > MAX_BLANKS) {
                break; // more blanks than any name-first street spans
            }
        }
    }

    /**
     * {@link ContinentalStreetDetector#mayStart} at word {@code j}, given whether the number a walk
     * from word {@code j + 1} reaches follows a street word, and that walk's blanks.
     */
    private boolean mayStartContinental(int j, boolean streetAfter, int blanksAfter) {
        int[] wordStarts = index.wordStarts();
        int count = index.wordCount();
        int p = wordStarts[j];
        char before = p > 0 ? chars[p - 1] : '\n';
        int following = (j + 1 < count ? masks[j + 1] : 0) | (j + 2 < count ? masks[j + 2] : 0);
        return ContinentalStreetDetector.mayStart(chars[p], masks[j], following, blanksAfter, streetAfter,
                before == ' ' && p >= 2 && Chars.isDigit(chars[p - 2]));
    }

    /** Word indexes found in any order, possibly twice: a few per text. */
    private static final class Candidates {
        private int[] values = new int[8];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        /** The distinct values, ascending. */
        int[] ascending() {
            int[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            int distinct = 0;
            for (int k = 0; k < sorted.length; k++) {
                if (k == 0 || sorted[k] != sorted[k - 1]) {
                    sorted[distinct++] = sorted[k];
                }
            }
            return Arrays.copyOf(sorted, distinct);
        }
    }

    /** The scan of {@code text}, whose index is {@code index}. */
    static AddressScan of(String text, TextIndex index) {
        return of(Text.of(text, index.chars()), index);
    }

    /** The scan of {@code text}, whose index is {@code index}. */
    static AddressScan of(Text text, TextIndex index) {
        return new AddressScan(text, index);
    }

    /**
     * The end of the run of ASCII digits at number start {@code k} of the index
     * ({@link AddressParts#digitsEnd}): its start where that is a {@code +} or {@code (}.
     */
    int digitsEnd(int k) {
        return digitEnds[k];
    }

    /** {@link AddressParts#houseNumberEnd(String, int)} at number start {@code k} of the index. */
    int houseNumberEnd(int k) {
        return houseEnds[k];
    }

    /**
     * For the walk from word start {@code j} (from the second on) word by word while each word start
     * follows a blank or a joiner ({@code -}, {@code '}, {@code ’}) up to the first word that starts
     * with a digit: how many of those word starts follow a blank, the digit's included, if that
     * digit follows a blank; else (the walk stops at another character, or at a digit after a
     * joiner, or finds no digit) {@code MAX_BLANKS + 1}. Counts above MAX_BLANKS are cut to it plus
     * one. {@code j} may be the word count (then none). Walked when asked: only the few words where
     * a continental street may start ask it.
     */
    int blanksToNumber(int j) {
        int none = MAX_BLANKS + 1;
        int[] wordStarts = index.wordStarts();
        int count = index.wordCount();
        if (j == 0) {
            return none; // never asked: a walk starts after the word it starts from
        }
        int blanks = 0;
        for (int i = j; i < count; i++) {
            int p = wordStarts[i]; // after the first word start, so p > 0
            char before = chars[p - 1];
            boolean blank = before == ' ';
            if (!blank && before != '-' && before != '\'' && before != '’') {
                return none;
            }
            if (Chars.isDigit(chars[p])) {
                return blank ? Math.min(none, blanks + 1) : none;
            }
            blanks += blank ? 1 : 0;
            if (blanks >= none) {
                return none;
            }
        }
        return none;
    }

    /** The word starts where a continental street may start ({@link ContinentalStreetDetector#mayStart}), ascending. */
    int[] continentalStarts() {
        return continentalStarts;
    }

    /** The word starts where a UK postcode may start ({@link UkPostcodeDetector#mayStart}), ascending. */
    int[] ukPostcodeStarts() {
        return ukPostcodeStarts;
    }

    /** The number starts where a street address may start ({@link StreetAddressDetector#mayStart}), ascending. */
    int[] streetStarts() {
        return streetStarts;
    }

    /**
     * The number starts where a run of one to six digits and a blank start more text, ascending: where
     * a numbered block or an address in any case may start.
     */
    int[] blockStarts() {
        return blockStarts;
    }

    /** The text, with the characters its index copied. */
    Text text() {
        return text;
    }

    /** The index of the text. */
    TextIndex index() {
        return index;
    }

    /** The characters of the text: the caller must not change them. */
    char[] chars() {
        return chars;
    }

    /**
     * Per word start of the index, the lists ({@link WordClasses}' bits) that may have a phrase
     * starting there; shared with the index: read it, never write it.
     */
    int[] masks() {
        return masks;
    }

    /**
     * Calls {@code visit} with each word start whose mask meets {@code bits}, skipping those before
     * the position the previous call returned: the same calls, in the same order, as
     * {@link TextIndex#visit} over every word start with a visitor that returns {@code i + 1} at
     * every word whose mask misses {@code bits}, adding nothing. Only the words with a mask are
     * looked at, since such a walk passes every other word one by one.
     */
    void visitWords(int bits, IntUnaryOperator visit) {
        int[] starts = index.wordStarts();
        int next = 0; // the position the last call returned
        for (int h = 0; h < hits.length; h++) {
            int k = hits[h];
            if ((masks[k] & bits) != 0 && starts[k] >= next) {
                next = visit.applyAsInt(starts[k]);
            }
        }
    }

    /**
     * Calls {@code visit} with each word start that begins with an ASCII letter and whose mask meets
     * {@code bits}, skipping those before the position the previous call returned: the same calls,
     * in the same order, as {@link TextIndex#visit} over every word start with a visitor that returns
     * {@code i + 1} at a word not beginning with an ASCII letter and the end of the word's letters
     * ({@link AddressParts#wordEnd}) at every other word whose mask misses {@code bits}, adding nothing.
     *
     * <p>Such a walk lands on every word start not glued to the word before it by a joiner
     * ({@code '}, {@code ’}, {@code -}), since the end of a word's letters stops before any other
     * character; so only the words with a mask are looked at, and a glued one ("Jean-Luc") is
     * checked by walking as that visitor would from where the walk surely lands before it.
     */
    void visitLetterWords(int bits, IntUnaryOperator visit) {
        int[] starts = index.wordStarts();
        int count = index.wordCount();
        int next = 0; // the position the last call returned
        int from = 0; // the index of the first word start at or after it
        for (int h = 0; h < hits.length; h++) {
            int k = hits[h];
            if ((masks[k] & bits) == 0 || starts[k] < next || !Chars.isAsciiLetter(text.charAt(starts[k]))) {
                continue;
            }
            if (glued(starts, k) && !reached(starts, count, from, k)) {
                continue;
            }
            next = visit.applyAsInt(starts[k]);
            from = TextIndex.seek(starts, count, k, next);
        }
    }

    /** Whether the character before word start {@code k} is a joiner that {@link AddressParts#wordEnd} may cross. */
    private boolean glued(int[] starts, int k) {
        if (starts[k] == 0) {
            return false;
        }
        char before = text.charAt(starts[k] - 1);
        return before == '\'' || before == '’' || before == '-';
    }

    /**
     * Whether the walk of {@link #visitLetterWords} from word {@code from} (the first at or after the
     * last call's return) lands on the glued word {@code k}, no word with a matching mask lying between:
     * it walks from the nearest word at or after {@code from} that is not glued, where it surely lands.
     */
    private boolean reached(int[] starts, int count, int from, int k) {
        int j = k;
        while (j > from && glued(starts, j)) {
            j--;
        }
        while (j < k) {
            j = Chars.isAsciiLetter(text.charAt(starts[j])) ? afterLetters(starts, count, j) : j + 1;
        }
        return j == k;
    }

    /**
     * The index of the first word start at or after the end of the letters of word {@code k}: the
     * next one, unless a joiner glues the two ("Jean-Luc", "O'Brien"), since the character before a
     * word start is no word character and only a joiner carries {@link AddressParts#wordEnd} over it.
     */
    private int afterLetters(int[] starts, int count, int k) {
        int next = k + 1;
        if (next < count) {
            char before = text.charAt(starts[next] - 1);
            if (before == '\'' || before == '’' || before == '-') {
                return TextIndex.seek(starts, count, next, AddressParts.wordEnd(text, starts[k]));
            }
        }
        return next;
    }
}
