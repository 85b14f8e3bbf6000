package dev.veil.tokenizer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DateOfBirthDetectorTest {

    private final DateOfBirthDetector detector = new DateOfBirthDetector();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "DOB: 12/03/1985 |12/03/1985",
        "D.O.B. 1985-03-12, thanks |1985-03-12",
        "Date of birth: 3.7.85 |3.7.85",
        "I was born on March 12, 1985 in Ohio |March 12, 1985",
        "born 12th of March 1985 |12th of March 1985",
        "birthday is Mar. 5th 1990 |Mar. 5th 1990",
        "Fecha de nacimiento: 11/02/1970 |11/02/1970",
        "F. nac.: 03-05-1990 |03-05-1990",
        "nacida el 3 de mayo de 1990 en Sevilla |3 de mayo de 1990",
        "nacido en Madrid el 1 de enero del 2001 |1 de enero del 2001",
        "fecha nacimiento 12-mar-1985 |12-mar-1985",
        "cumpleaños: 25 diciembre 1979 |25 diciembre 1979",
    })
    void findsDatesAfterBirthWords(String text, String date) {
        assertThat(Found.values(detector, text)).containsExactly(date);
        int start = text.indexOf(date);
        assertThat(Found.spans(detector, text)).singleElement().satisfies(span -> {
            assertThat(span.start()).isEqualTo(start);
            assertThat(span.end()).isEqualTo(start + date.length());
            assertThat(span.confidence()).isEqualTo(0.85);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Order placed on 12/03/1985 and shipped",         // no birth word
        "DOB 32/13/1985",                                  // no such day or month
        "born in 1985",                                    // a year is not a date of birth
        "DOB: see attachment. Sent on 12/03/2024 by mail", // another sentence
        "DOB: see the attachment that we sent to you last week about the insurance claim, the one from 12/03/2024", // too far from the word
        "born 2024-13-01",
        "reborn 12/03/1985",
    })
    void ignoresOtherDates(String text) {
        assertThat(Found.values(detector, text)).isEmpty();
    }

    @Test
    void onlyTheFirstDateAfterEachWord() {
        assertThat(Found.values(detector, "DOB 01/02/1980, updated 03/04/2024. Born: 5/6/1990"))
                .containsExactly("01/02/1980", "5/6/1990");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "12/03/1985 is my date of birth", "I was born, if I remember well, on 12/03/1985",
        "nací el 12 de marzo de 1985", "DOB 19850312", "fecha de nacimiento: 12031985", "my birthday: March 12th, 1985",
        "1985-03-12 (fecha de nacimiento)",
    })
    void cueBeforeOrAfterInTheSameSentenceAndCompactDates(String text) {
        assertThat(Found.values(detector, text)).hasSize(1);
    }
}
