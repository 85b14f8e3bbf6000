package dev.veil.tokenizer.io;

/** Whether Java text is well-formed Unicode: every surrogate is half of a pair. */
public final class UnicodeText {

    private UnicodeText() {}

    /** {@code true} when {@code text} holds no lone surrogate. */
    public static boolean isWellFormed(CharSequence text) {
        int n = text.length();
        int i = 0;
        // most texts hold no surrogate: one range test per character up to the first (the engine
        // checks every string of a document as it reads it)
        while (i < n && !Character.isSurrogate(text.charAt(i))) {
            i++;
        }
        for (; i < n; i++) {
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
