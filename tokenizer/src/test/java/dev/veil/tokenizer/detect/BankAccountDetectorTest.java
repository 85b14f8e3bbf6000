package dev.veil.tokenizer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BankAccountDetectorTest {

    private final BankAccountDetector detector = new BankAccountDetector();

    @Test
    void spanishAccountAsPrintedOrAfterAnAccountWord() {
        assertThat(Found.values(detector, "ref 2100 0418 45 0200051332.")).containsExactly("2100 0418 45 0200051332");
        assertThat(Found.values(detector, "ref 2100-0418-45-0200051332")).containsExactly("2100-0418-45-0200051332");
        assertThat(Found.confidenceOf(detector, "mi cuenta es 21000418450200051332", "21000418450200051332")).isEqualTo(0.99);
        // 20 bare digits without an account word are tracking numbers as often as accounts
        assertThat(Found.values(detector, "tracking 21000418450200051332")).isEmpty();
    }

    @Test
    void checkDigitsDecideWithoutContextAndMakeANearMissWithIt() {
        assertThat(Found.values(detector, "ref 2100 0418 46 0200051332")).isEmpty();
        assertThat(Found.confidenceOf(detector, "cuenta 2100 0418 46 0200051332", "2100 0418 46 0200051332"))
                .isEqualTo(Confidence.NEAR_MISS);
        assertThat(BankAccountDetector.cccValid("21000418450200051332".toCharArray())).isTrue();
        assertThat(BankAccountDetector.cccValid("21000418450200051333".toCharArray())).isFalse();
    }

    @Test
    void ukSortCodeAndAccount() {
        assertThat(Found.values(detector, "sort code 20-00-00, account 73849201.")).containsExactly("20-00-00", "73849201");
        assertThat(Found.values(detector, "bank details: 20-00-00 73849201")).containsExactly("20-00-00 73849201");
        assertThat(Found.values(detector, "sort code 200000 acc no 73849201")).containsExactly("200000", "73849201");
        assertThat(Found.values(detector, "on 20-10-24 we met")).isEmpty();
        assertThat(Found.values(detector, "order 20-00-00 73849201")).isEmpty();
    }
}
