package dev.veil.tokenizer.detect.address;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.detect.Chars;

/**
 * The text the address detectors read, as its {@code String} (for the phrase lists, which take one)
 * and as its characters: {@link #charAt} reads the array, where {@link String#charAt} of a text
 * holding any character beyond Latin-1 (a curly quote, a dash) tests the string's coding and its
 * bounds again at every character, the most frequent read of every parser here. The characters
 * are the ones the text's index copied once for all detectors; nothing writes them.
 */
final class Text {

    private final String string;
    private final char[] chars;

    private Text(String string, char[] chars) {
        this.string = string;
        this.chars = chars;
    }

    /** {@code string}, whose characters {@code chars} are (the caller's copy, never written). */
    static Text of(String string, char[] chars) {
        requireNonNull(string, "string");
        requireNonNull(chars, "chars");
        if (chars.length != string.length()) {
            throw new IllegalArgumentException("chars: " + chars.length + " (expected " + string.length() + ")");
        }
        return new Text(string, chars);
    }

    /** {@code string} with a copy of its characters. */
    static Text of(String string) {
        return new Text(string, string.toCharArray());
    }

    /** The text as a {@code String}. */
    String string() {
        return string;
    }

    /** The text's characters: the caller must not change them. */
    char[] chars() {
        return chars;
    }

    char charAt(int i) {
        return chars[i];
    }

    int length() {
        return chars.length;
    }

    /** {@link String#indexOf(int, int)} of the text. */
    int indexOf(char c, int from) {
        return string.indexOf(c, from);
    }

    /** {@link String#substring(int, int)} of the text. */
    String substring(int from, int to) {
        return string.substring(from, to);
    }

    /** {@link String#regionMatches(boolean, int, String, int, int)} of the text. */
    boolean regionMatches(boolean ignoreCase, int offset, String other, int otherOffset, int length) {
        return string.regionMatches(ignoreCase, offset, other, otherOffset, length);
    }

    /** {@link Chars#wordStartsAt} read from the characters. */
    boolean wordStartsAt(int i) {
        return i == 0 || !Chars.isWordChar(chars[i - 1]);
    }

    /** {@link Chars#wordEndsAt} read from the characters. */
    boolean wordEndsAt(int end) {
        return end >= chars.length || !Chars.isWordChar(chars[end]);
    }

    @Override
    public String toString() {
        return string;
    }
}
