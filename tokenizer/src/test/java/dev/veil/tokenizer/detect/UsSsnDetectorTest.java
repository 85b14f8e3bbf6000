package dev.veil.tokenizer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsSsnDetectorTest {

    private final UsSsnDetector detector = new UsSsnDetector();

    @Test
    void findsDashedAndSpacedNumbers() {
        assertThat(Found.values(detector, "numbers 536-22-8461 and 536 22 8461.")).containsExactly("536-22-8461", "536 22 8461");
        assertThat(Found.confidenceOf(detector, "id 536-22-8461", "536-22-8461")).isEqualTo(0.7);
        assertThat(Found.confidenceOf(detector, "SSN: 536-22-8461", "536-22-8461")).isEqualTo(0.85);
        assertThat(Found.confidenceOf(detector, "número de seguro social 536-22-8461", "536-22-8461")).isEqualTo(0.85);
    }

    @Test
    void bareNineDigitsOnlyRightAfterAContextWord() {
        assertThat(Found.values(detector, "order 536228461 shipped")).isEmpty();
        assertThat(Found.values(detector, "my social security number is 536228461")).containsExactly("536228461");
        // the word applies to the first number after it only
        assertThat(Found.values(detector, "SSN 536-22-8461, order 536228462")).containsExactly("536-22-8461");
    }

    @Test
    void sampleNumbersAreFoundOnlyWhereTheTextCallsThemAnSsn() {
        assertThat(Found.values(detector, "e.g. 123-45-6789 or 078-05-1120")).isEmpty();
        // what a customer gives an agent is found even if it is the advertised sample number
        assertThat(Found.values(detector, "Customer verified with SSN 123-45-6789 and date of birth 1987-04-12."))
                .containsExactly("123-45-6789");
        assertThat(Found.values(detector, "social security 078-05-1120")).containsExactly("078-05-1120");
    }

    @Test
    void onlyTheTwoSampleNumbersAreSamplesWhateverTheirSeparators() {
        assertThat(UsSsnDetector.sample("123-45-6789".toCharArray(), 0, 11)).isTrue();
        assertThat(UsSsnDetector.sample("x 078 05 1120".toCharArray(), 2, 13)).isTrue();
        assertThat(UsSsnDetector.sample("123456789".toCharArray(), 0, 9)).isTrue();
        assertThat(UsSsnDetector.sample("123-45-6788".toCharArray(), 0, 11)).isFalse();
        assertThat(UsSsnDetector.sample("078-05-112".toCharArray(), 0, 10)).isFalse();
        assertThat(UsSsnDetector.sample("123-45-67890".toCharArray(), 0, 12)).isFalse();
        assertThat(Found.values(detector, "e.g. 123-45-6788")).containsExactly("123-45-6788");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "000-12-3456", "666-12-3456", "900-12-3456", "999-12-3456", "536-00-8461", "536-22-0000",
        "111-11-1111", "536-22-8461-9", "536-22 8461", "1536-22-8461",
        "phone 536-22-8461 7", "ZD-536-22-8461",
    })
    void rejectsInvalidOrLongerNumbers(String text) {
        assertThat(Found.values(detector, "ref " + text)).isEmpty();
    }

    @Test
    void invalidAreaOrGroupIsANearMissAfterAnSsnWord() {
        assertThat(Found.confidenceOf(detector, "SSN 900-12-3456", "900-12-3456")).isEqualTo(Confidence.NEAR_MISS);
        assertThat(Found.values(detector, "ssn 536-22-8461-9")).isEmpty();
        assertThat(Found.values(detector, "ssn ZD-536-22-8461")).isEmpty();
    }

    @Test
    void unusualSeparatorsOnlyAfterAnSsnWord() {
        assertThat(Found.values(detector, "my SSN is 536.22.8461")).containsExactly("536.22.8461");
        assertThat(Found.values(detector, "SSN: 536 - 22 - 8461")).containsExactly("536 - 22 - 8461");
        assertThat(Found.values(detector, "ref 536.22.8461")).isEmpty();
        assertThat(Found.values(detector, "SSN 536-22-8461\n12 Main St")).containsExactly("536-22-8461");
    }

    @Test
    void anyGroupingOfNineDigitsAfterAnSsnWord() {
        assertThat(Found.values(detector, "SSN: 53 62284 61. Thanks")).containsExactly("53 62284 61");
        assertThat(Found.values(detector, "my SSN is 536. 22. 846. 1 ok")).containsExactly("536. 22. 846. 1");
        assertThat(Found.values(detector, "SSN: 536-22\n8461")).containsExactly("536-22\n8461");
        assertThat(Found.values(detector, "see 53 62284 61 ok")).isEmpty();
    }

    @Test
    void theTailOfALongerRunIsNotAnSsn() {
        assertThat(Found.values(detector, "tracking 917 536 22 8461 today")).isEmpty();
        assertThat(Found.values(detector, "SSN 536 22 8461 today")).containsExactly("536 22 8461");
    }
}
