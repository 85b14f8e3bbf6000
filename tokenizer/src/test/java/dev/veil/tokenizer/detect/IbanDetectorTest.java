package dev.veil.tokenizer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IbanDetectorTest {

    private final IbanDetector detector = new IbanDetector();

    @ParameterizedTest
    @ValueSource(strings = {
        "ES9121000418450200051332", "ES91 2100 0418 4502 0005 1332", "ES91-2100-0418-4502-0005-1332",
        "GB82WEST12345698765432", "GB82 WEST 1234 5698 7654 32", "DE89370400440532013000",
        "FR1420041010050500013M02606", "NL91ABNA0417164300", "NO9386011117947", "BE68539007547034",
        "gb82west12345698765432",
    })
    void findsValidIbansContiguousOrGrouped(String iban) {
        assertThat(Found.values(detector, "Please send it to " + iban + ", thanks")).containsExactly(iban);
    }

    @Test
    void contextWordRaisesConfidenceAndSpanIsExact() {
        String text = "Cuenta: ES91 2100 0418 4502 0005 1332 (titular yo)";
        assertThat(Found.spans(detector, text)).singleElement().satisfies(span -> {
            assertThat(span.start()).isEqualTo(8);
            assertThat(span.end()).isEqualTo(37);
            assertThat(span.confidence()).isEqualTo(0.99);
        });
        assertThat(Found.confidenceOf(detector, "ref DE89370400440532013000", "DE89370400440532013000")).isEqualTo(0.95);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ES9121000418450200051333",          // checksum
        "ES91 2100 0418 4502 0005 133",      // too short for ES
        "XX9121000418450200051332",          // no such country
        "GB82WEST1234569876543",             // too short for GB
        "ABES9121000418450200051332",        // glued to a word
        "ES9121000418450200051332123",       // longer than an IBAN
        "Es9121000418450200051332",          // a country code in mixed case
        "eS9121000418450200051332",
    })
    void rejectsInvalid(String text) {
        assertThat(Found.values(detector, text)).isEmpty();
    }

    @Test
    void anyGroupingAndMixedSeparators() {
        for (String iban : new String[] {"ES91 2100-0418 4502 0005 1332", "ES91.2100.0418.4502.0005.1332",
                "ES 91 2100 0418  4502 0005 1332", "ES9121000418\n450200051332", "es91/2100/0418/4502/0005/1332"}) {
            assertThat(Found.values(detector, "IBAN " + iban + ".")).as(iban).containsExactly(iban);
        }
    }

    @Test
    void checksumFailureIsANearMissOnlyAfterAnAccountWord() {
        assertThat(Found.values(detector, "ref ES9121000418450200051333")).isEmpty();
        assertThat(Found.confidenceOf(detector, "mi cuenta: ES9121000418450200051333", "ES9121000418450200051333"))
                .isEqualTo(Confidence.NEAR_MISS);
    }

    @Test
    void validateChecksLengthAndMod97() {
        assertThat(IbanDetector.validate("GB82WEST12345698765432".toCharArray(), 22)).isTrue();
        assertThat(IbanDetector.validate("GB82WEST12345698765433".toCharArray(), 22)).isFalse();
        assertThat(IbanDetector.validate("GB82WEST1234569876543".toCharArray(), 21)).isFalse();
    }

    @Test
    void checkDigitsSplitByTheGroupingInUpperCaseOnly() {
        assertThat(Found.values(detector, "IBAN ES9 121 0004 1845 0200 0513 32 ok")).containsExactly("ES9 121 0004 1845 0200 0513 32");
        assertThat(Found.values(detector, "to ES3.9121.0004/1845 - 0200. 0513 32.")).isEmpty();
        assertThat(Found.values(detector, "to ES9.121.0004/1845 - 0200. 0513 32.")).containsExactly("ES9.121.0004/1845 - 0200. 0513 32");
        assertThat(Found.values(detector, "iban es9 121 0004 1845 0200 0513 32")).isEmpty();
        // split check digits are never a near miss: the checksum must hold
        assertThat(Found.values(detector, "IBAN ES9 121 0004 1845 0200 0513 33")).isEmpty();
    }
}
