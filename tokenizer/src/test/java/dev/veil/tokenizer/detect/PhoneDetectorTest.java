package dev.veil.tokenizer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneDetectorTest {

    private final PhoneDetector detector = new PhoneDetector();

    @ParameterizedTest
    @ValueSource(strings = {
        "(202) 456-1111", "202-456-1111", "202.456.1111", "+1 202 456 1111", "+1-202-456-1111",
        "020 7946 0958", "+44 20 7946 0958", "07911 123456", "+44 7911 123456",
        "612 34 56 78", "612 345 678", "91 123 45 67", "+34 612 345 678", "+34612345678", "0034 612 345 678",
        "+353 1 234 5678", "+49 30 901820",
    })
    void findsFormattedNumbersWithoutContext(String phone) {
        assertThat(Found.values(detector, "it is " + phone + " ok")).containsExactly(phone);
    }

    @Test
    void extensionsAndLabelsAfterTheNumber() {
        assertThat(Found.values(detector, "Tel: 202-456-1111 x204")).containsExactly("202-456-1111 x204");
        assertThat(Found.values(detector, "202-456-1111 ext. 7 or 202.456.1111x33")).containsExactly("202-456-1111 ext. 7", "202.456.1111x33");
        assertThat(Found.values(detector, "0490 75 40 81 office")).containsExactly("0490 75 40 81");
        assertThat(Found.values(detector, "0490 75 40 81-Fax")).containsExactly("0490 75 40 81");
    }

    @Test
    void bareDigitsNeedAPhoneWord() {
        assertThat(Found.values(detector, "order 612345678 shipped")).isEmpty();
        assertThat(Found.values(detector, "order 2024561111 shipped")).isEmpty();
        assertThat(Found.values(detector, "móvil 612345678")).containsExactly("612345678");
        assertThat(Found.values(detector, "Call me on 2024561111")).containsExactly("2024561111");
        assertThat(Found.confidenceOf(detector, "móvil 612345678", "612345678")).isEqualTo(0.7);
        assertThat(Found.confidenceOf(detector, "teléfono: 612 34 56 78", "612 34 56 78")).isEqualTo(0.85);
        assertThat(Found.confidenceOf(detector, "see 612 34 56 78", "612 34 56 78")).isEqualTo(0.7);
    }

    @Test
    void foreignNumbersOnlyWithAPhoneWord() {
        assertThat(Found.values(detector, "ref 60-56-85-91")).isEmpty();
        assertThat(Found.values(detector, "Phone:\n60-56-85-91")).containsExactly("60-56-85-91");
        assertThat(Found.values(detector, "Teléfono: 0490 75 40 81")).containsExactly("0490 75 40 81");
    }

    @Test
    void zipAndHouseNumberAreNotAPhoneLayout() {
        // 949412505 is a valid Spanish number, but nobody writes it as 94941 2505
        assertThat(Found.values(detector, "Please return to 94941 2505 Heatherleigh Street")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "order #483920", "ticket ZD-129384", "1715000000", "2024-05-01T10:22:33Z", "on 2024-05-01", "$1,234.56",
        "1.234,56 €", "v2.10.3", "10.0.19045", "192.168.10.254", "4111 1111 1111 1111", "ES91 2100 0418 4502 0005 1332",
        "uuid 123e4567-e89b-12d3-a456-426614174000", "12/05/2024", "Call me on 12/05/2024", "phone 1.2.3",
        "call about order 12345678",
    })
    void doesNotFlagLookAlikes(String text) {
        assertThat(Found.values(detector, text)).isEmpty();
    }

    @Test
    void anyGroupingAfterAPhoneWordWhenTheDigitsValidate() {
        assertThat(Found.values(detector, "call me on +34 6123 - 45678, thanks")).containsExactly("+34 6123 - 45678");
        assertThat(Found.values(detector, "phone: 20.245/61111 and please hurry")).containsExactly("20.245/61111");
        assertThat(Found.values(detector, "mi teléfono es +3. 46. 123. 456. 78.")).containsExactly("+3. 46. 123. 456. 78");
        assertThat(Found.values(detector, "Phone: 202  456  1111")).containsExactly("202  456  1111");
        assertThat(Found.confidenceOf(detector, "phone: 20.245/61111", "20.245/61111")).isEqualTo(0.7);
        // digits no numbering plan accepts stay untouched, whatever the word before them
        assertThat(Found.values(detector, "phone: 12.345/67890")).isEmpty();
    }

    @Test
    void withoutAPhoneWordTheLayoutStillDecides() {
        assertThat(Found.values(detector, "see 20.245/61111 ok")).isEmpty();
        assertThat(Found.values(detector, "see +34 6123 - 45678 ok")).isEmpty();
    }

    @Test
    void atMostOneLineBreakAndNoSentencePunctuationJoinGroups() {
        assertThat(Found.values(detector, "phone: (202)\n456-1111 thanks")).containsExactly("(202)\n456-1111");
        assertThat(Found.values(detector, "call me on +34 612\r\n345 678\nRegards")).containsExactly("+34 612\r\n345 678");
        assertThat(Found.values(detector, "phone: 612\n345\n678")).isEmpty();
        assertThat(Found.values(detector, "phone: 612, 345 678")).isEmpty();
        assertThat(Found.values(detector, "phone: 612; 345 678")).isEmpty();
        // the postcode on the next line is not part of the number
        assertThat(Found.values(detector, "phone: 612 345 678\n28013 Madrid")).containsExactly("612 345 678");
    }

    @Test
    void aReferenceWordOrALongerRunIsNotAPhone() {
        assertThat(Found.values(detector, "order 202-456-1111 shipped")).isEmpty();
        assertThat(Found.values(detector, "tracking 34  202.456.1111 arrives")).isEmpty();
        // a phone word wins over a reference word
        assertThat(Found.values(detector, "call me about order 5, on 202-456-1111")).containsExactly("202-456-1111");
    }

    @Test
    void theLayoutTestsReadOnlyTheCandidatesCharacters() {
        // the candidate is read in place, inside the whole text: digits around it must not count
        char[] text = "7 2024-05-01 8 01.05.2024.3 2024-05.01 0490-75-40-8".toCharArray();
        assertThat(PhoneDetector.looksLikeDate(text, 2, 12)).isTrue();
        assertThat(PhoneDetector.looksLikeDate(text, 0, 12)).isFalse(); // "7 2024-05-01": two kinds of separator
        assertThat(PhoneDetector.looksLikeDate(text, 15, 25)).isTrue();
        assertThat(PhoneDetector.looksLikeDate(text, 15, 27)).isFalse(); // a fourth group
        assertThat(PhoneDetector.looksLikeDate(text, 28, 38)).isFalse();
        assertThat(PhoneDetector.phoneShaped(text, 39, 49)).isTrue(); // "0490-75-40"
        assertThat(PhoneDetector.phoneShaped(text, 39, 51)).isFalse(); // "0490-75-40-8": a one-digit group
    }
}
