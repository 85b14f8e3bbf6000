package dev.veil.tokenizer.detect.address;

import dev.veil.tokenizer.detect.Chars;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Country names in English and Spanish ("Czech Republic", "Bélgica", "usa"), found in any case at a
 * position of a text. The parts after a street ask at most of their words, and few words are the
 * start of a country's name: a hash of the words read so far, looked up in a table of the names'
 * first words, turns those down without a copy of the text; only a whole name's hash is checked
 * against the names themselves.
 */
final class CountryNames {

    private static final Set<String> NAMES = names();
    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;
    /**
     * The {@link #hash}es of every name's first one, two, three ... words (ASCII letters in lower case,
     * words joined by one blank), open addressing, 0 where none; {@link #WHOLE} marks a whole name.
     */
    private static final long[] PREFIXES;
    private static final boolean[] WHOLE;
    private static final int MASK;

    static {
        Set<String> prefixes = new HashSet<>();
        for (String name : NAMES) {
            for (int blank = name.indexOf(' '); blank > 0; blank = name.indexOf(' ', blank + 1)) {
                prefixes.add(name.substring(0, blank));
            }
            prefixes.add(name);
        }
        int size = Integer.highestOneBit(prefixes.size()) * 8; // at most a quarter full
        PREFIXES = new long[size];
        WHOLE = new boolean[size];
        MASK = size - 1;
        for (String prefix : prefixes) {
            long hash = OFFSET;
            for (int k = 0; k < prefix.length(); k++) {
                hash = step(hash, prefix.charAt(k));
            }
            int slot = slot(final_(hash));
            while (PREFIXES[slot] != 0 && PREFIXES[slot] != final_(hash)) {
                slot = (slot + 1) & MASK;
            }
            PREFIXES[slot] = final_(hash);
            WHOLE[slot] |= NAMES.contains(prefix);
        }
    }

    private CountryNames() {}

    /**
     * The end of the longest country name of up to four words, joined by single blanks, that starts at
     * {@code p} in any case; -1 if none does.
     */
    static int endAt(Text text, int p) {
        char[] chars = text.chars();
        int n = chars.length;
        int best = -1;
        int end = p;
        long hash = OFFSET;
        for (int words = 0; words < 4; words++) {
            int from = end;
            while (end < n && Chars.isLetter(chars[end])) {
                char c = chars[end];
                if (c >= 128) {
                    return endBeyondAscii(text, p); // whose lower case the hash does not model
                }
                hash = step(hash, (char) (c | 0x20));
                end++;
            }
            if (end == from) {
                return endBeyondAscii(text, p); // no letter: as the names' own reading answers
            }
            int slot = find(final_(hash));
            if (slot < 0) {
                return best; // no name starts with these words, so none of more words does either
            }
            if (WHOLE[slot] && NAMES.contains(text.substring(p, end).toLowerCase(Locale.ROOT))) {
                best = end;
            }
            if (end >= n || chars[end] != ' ' || end + 1 >= n || !Chars.isLetter(chars[end + 1])) {
                break;
            }
            hash = step(hash, ' ');
            end++;
        }
        return best;
    }

    /** {@link #endAt} read by copying the words in lower case: for letters beyond ASCII, and the tests' reference. */
    static int endBeyondAscii(Text text, int p) {
        int best = -1;
        int end = p;
        for (int words = 0; words < 4; words++) {
            while (end < text.length() && Chars.isLetter(text.charAt(end))) {
                end++;
            }
            if (NAMES.contains(text.substring(p, end).toLowerCase(Locale.ROOT))) {
                best = end;
            }
            if (end >= text.length() || text.charAt(end) != ' ' || end + 1 >= text.length()
                    || !Chars.isLetter(text.charAt(end + 1))) {
                break;
            }
            end++;
        }
        return best;
    }

    private static long step(long hash, char lower) {
        return (hash ^ lower) * PRIME;
    }

    /** The hash as kept in the table: never 0, which marks an empty slot. */
    private static long final_(long hash) {
        return hash == 0 ? 1 : hash;
    }

    private static int slot(long hash) {
        return (int) ((hash * 0x9E3779B97F4A7C15L) >>> 32) & MASK;
    }

    /** The slot of {@code hash} in {@link #PREFIXES}, or -1. */
    private static int find(long hash) {
        for (int slot = slot(hash); PREFIXES[slot] != 0; slot = (slot + 1) & MASK) {
            if (PREFIXES[slot] == hash) {
                return slot;
            }
        }
        return -1;
    }

    private static Set<String> names() {
        Set<String> names = new HashSet<>();
        for (String code : Locale.getISOCountries()) {
            for (Locale language : new Locale[] {Locale.ENGLISH, new Locale("es")}) {
                names.add(new Locale("", code).getDisplayCountry(language).toLowerCase(Locale.ROOT));
            }
        }
        names.addAll(Set.of("usa", "uk", "czech republic", "great britain", "england", "scotland", "wales",
                "northern ireland", "holland", "south korea", "north korea", "russia", "vietnam"));
        return Set.copyOf(names);
    }
}
