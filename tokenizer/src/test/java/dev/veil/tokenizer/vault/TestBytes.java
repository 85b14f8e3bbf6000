package dev.veil.tokenizer.vault;

/** Byte-array searching for tests that prove a secret is absent. */
public final class TestBytes {

    private TestBytes() {}

    /** Whether {@code needle} occurs anywhere in {@code haystack}. */
    public static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
