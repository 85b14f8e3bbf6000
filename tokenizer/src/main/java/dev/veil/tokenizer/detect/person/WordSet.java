package dev.veil.tokenizer.detect.person;

import java.util.Locale;
import java.util.Set;

/**
 * A set of lower-case words asked about a piece of a text without cutting it out: an ASCII word
 * is hashed and compared in place, so the scan allocates nothing; a word with other characters is
 * asked as {@code new String(text, start, end - start).toLowerCase(Locale.ROOT)}, whose special cases
 * ("İ" becomes two characters) a character-by-character fold would not reproduce.
 */
final class WordSet {

    private final Set<String> words;
    private final String[] table;
    private final int mask;

    private WordSet(Set<String> words) {
        this.words = words;
        int capacity = Integer.highestOneBit(Math.max(words.size(), 1) * 4);
        this.table = new String[capacity];
        this.mask = capacity - 1;
        for (String word : words) {
            int slot = hash(word.toCharArray(), 0, word.length(), false) & mask;
            while (table[slot] != null) {
                slot = (slot + 1) & mask;
            }
            table[slot] = word;
        }
    }

    static WordSet of(Set<String> words) {
        return new WordSet(words);
    }

    /** The words, as given. */
    Set<String> words() {
        return words;
    }

    /** Whether {@code text[start, end)}, lower-cased, is one of the words. */
    boolean containsIgnoreCase(char[] text, int start, int end) {
        return contains(text, start, end, true);
    }

    /** Whether {@code text[start, end)}, as written, is one of the words. */
    boolean contains(char[] text, int start, int end) {
        return contains(text, start, end, false);
    }

    private boolean contains(char[] text, int start, int end, boolean ignoreCase) {
        int length = end - start;
        for (int i = start; i < end; i++) {
            if (text[i] >= 0x80) {
                String word = new String(text, start, end - start);
                return words.contains(ignoreCase ? word.toLowerCase(Locale.ROOT) : word);
            }
        }
        for (int slot = hash(text, start, end, ignoreCase) & mask; ; slot = (slot + 1) & mask) {
            String word = table[slot];
            if (word == null) {
                return false;
            }
            if (word.length() == length && sameAscii(word, text, start, ignoreCase)) {
                return true;
            }
        }
    }

    /** Whether the ASCII {@code text} from {@code start} (lower-cased if asked) spells {@code word}. */
    private static boolean sameAscii(String word, char[] text, int start, boolean ignoreCase) {
        for (int k = 0; k < word.length(); k++) {
            char c = text[start + k];
            if (ignoreCase && c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (c != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static int hash(char[] text, int start, int end, boolean ignoreCase) {
        int h = 0;
        for (int i = start; i < end; i++) {
            char c = text[i];
            if (ignoreCase && c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            h = 31 * h + c;
        }
        return h ^ (h >>> 16);
    }
}
