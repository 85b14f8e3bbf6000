package dev.veil.tokenizer.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CharsTest {

    /** The tables must give the JDK's answer for every basic-plane character, surrogates included. */
    @Test
    void letterAndWordTestsAgreeWithTheJdkOnEveryCharacter() {
        for (int k = 0; k <= Character.MAX_VALUE; k++) {
            char c = (char) k;
            String at = "U+" + Integer.toHexString(k);
            assertEquals(Character.isLetter(c), Chars.isLetter(c), at);
            assertEquals(Character.isLetterOrDigit(c), Chars.isLetterOrDigit(c), at);
            assertEquals(Character.isLetterOrDigit(c) || c == '_', Chars.isWordChar(c), at);
        }
    }
}
