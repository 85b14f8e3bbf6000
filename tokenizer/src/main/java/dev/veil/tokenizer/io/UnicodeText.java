package dev.veil.tokenizer.io;

/** Whether Java text is well-formed Unicode: every surrogate is half of a pair. */
public final class UnicodeText {

    private UnicodeText() {}

    /** {@code true} when {@code text} holds no lone surrogate. */
    public static boolean isWellFormed(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
