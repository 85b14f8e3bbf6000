package dev.veil.tokenizer.detect.person;

import java.text.Normalizer;

/**
 * Folds a word for lexicon look-ups: lower case without diacritics ("Pérez" and "PEREZ" are
 * "perez", "Åberg" is "aberg"), hashed on the fly so that a look-up allocates nothing.
 */
final class Fold {

    private static final int TABLE = 0x250;
    private static final char[] BASE = new char[TABLE];
    /** The characters below {@link #TABLE} that fold to {@link #BASE} alone: not "ß", "æ" or a combining mark. */
    private static final boolean[] PLAIN = new boolean[TABLE];
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    static {
        for (char c = 0; c < TABLE; c++) {
            String decomposed = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
            BASE[c] = Character.toLowerCase(decomposed.charAt(0));
        }
        // letters with a stroke have no decomposition
        BASE['ø'] = 'o';
        BASE['Ø'] = 'o';
        BASE['ł'] = 'l';
        BASE['Ł'] = 'l';
        BASE['đ'] = 'd';
        BASE['Đ'] = 'd';
        BASE['ħ'] = 'h';
        BASE['ı'] = 'i';
        for (char c = 0; c < TABLE; c++) {
            PLAIN[c] = c != 'ß' && c != 'æ' && c != 'Æ' && Character.getType(c) != Character.NON_SPACING_MARK;
        }
    }

    private Fold() {}

    /** The hash of the folded form of {@code text[start, end)}. */
    static long hash(char[] text, int start, int end) {
        return hash(FNV_OFFSET, text, start, end);
    }

    /** The hash of the folded form of {@code text[start, end)} followed by {@code suffix} ("hipóxic" + "o"). */
    static long hash(char[] text, int start, int end, char suffix) {
        return step(hash(FNV_OFFSET, text, start, end), suffix);
    }

    private static long hash(long seed, char[] text, int start, int end) {
        long h = seed;
        for (int i = start; i < end; i++) {
            h = add(h, text[i]);
        }
        return h;
    }

    /** The hash of a word so far, {@link #START} for none. */
    static final long START = FNV_OFFSET;

    /** {@code h}, the hash of a word so far, with the folded form of {@code c} after it. */
    static long add(long h, char c) {
        if (c < TABLE && PLAIN[c]) {
            return step(h, BASE[c]); // the usual letter: one table look-up
        } else if (c == 'ß') {
            return step(step(h, 's'), 's');
        } else if (c == 'æ' || c == 'Æ') {
            return step(step(h, 'a'), 'e');
        } else if (Character.getType(c) == Character.NON_SPACING_MARK) {
            return h; // a combining accent typed separately
        }
        return step(h, c < TABLE ? BASE[c] : c == '’' ? '\'' : Character.toLowerCase(c));
    }

    private static long step(long h, char c) {
        return (h ^ c) * FNV_PRIME;
    }
}
