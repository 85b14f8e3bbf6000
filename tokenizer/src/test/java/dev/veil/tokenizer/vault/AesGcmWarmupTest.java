package dev.veil.tokenizer.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AesGcmWarmupTest {

    @Test
    void everyRoundTripIsChecked() {
        assertEquals(0, AesGcmWarmup.run(0));
        assertEquals(37, AesGcmWarmup.run(37));
    }

    @Test
    void refusesNegativeRounds() {
        assertThrows(IllegalArgumentException.class, () -> AesGcmWarmup.run(-1));
    }
}
