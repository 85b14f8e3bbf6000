package dev.veil.tokenizer.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AesGcmWarmupTest {

    @Test
    void sealsAndOpensTheGivenRounds() {
        assertEquals(0, AesGcmWarmup.run(0));
        assertEquals(37, AesGcmWarmup.run(37));
    }

    @Test
    void stopsWhenItsThreadIsInterrupted() {
        Thread.currentThread().interrupt();
        try {
            assertEquals(0, AesGcmWarmup.run(1_000));
        } finally {
            Thread.interrupted(); // clear it for the next test
        }
    }

    @Test
    void refusesNegativeRounds() {
        assertThrows(IllegalArgumentException.class, () -> AesGcmWarmup.run(-1));
    }
}
