package dev.veil.tokenizer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpanishIdDetectorsTest {

    private final EsDniDetector dni = new EsDniDetector();
    private final EsNieDetector nie = new EsNieDetector();

    @Test
    void knownCheckLetters() throws IOException {
        String vectors;
        try (InputStream in = getClass().getResourceAsStream("/detect/dni_nie_vectors.txt")) {
            vectors = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int checked = 0;
        for (String line : vectors.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split(" ");
            String value = parts[0];
            boolean valid = parts[1].equals("valid");
            Detector detector = Character.isDigit(value.charAt(0)) ? dni : nie;
            assertThat(Found.values(detector, "doc " + value + " ok")).as(line).hasSize(valid ? 1 : 0);
            checked++;
        }
        assertThat(checked).isGreaterThan(20);
    }

    @Test
    void officialExampleAndFormats() {
        assertThat(SpanishIdNumbers.checkLetter(12345678)).isEqualTo('Z');
        assertThat(Found.values(dni, "DNI 12345678Z, 12.345.678-Z y 12345678 Z")).containsExactly("12345678Z", "12.345.678-Z", "12345678 Z");
        assertThat(Found.spans(dni, "DNI: 12345678Z")).singleElement().satisfies(span -> {
            assertThat(span.start()).isEqualTo(5);
            assertThat(span.end()).isEqualTo(14);
            assertThat(span.confidence()).isEqualTo(0.99);
        });
        assertThat(Found.values(nie, "NIE X1234567L o Y-8063915-Z o z8078221m")).containsExactly("X1234567L", "Y-8063915-Z", "z8078221m");
    }

    @Test
    void sevenDigitDniOnlyAfterContextAndLowerCaseLetterOnlyAttached() {
        assertThat(Found.values(dni, "ref 1111111G")).isEmpty();
        assertThat(Found.values(dni, "DNI 1111111-G")).containsExactly("1111111-G");
        assertThat(Found.values(dni, "pagué 12345678 z")).isEmpty();
        assertThat(Found.values(dni, "12345678z")).containsExactly("12345678z");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "12345678A", "12345678I", "123456789Z", "X12345678Z", "AB12345678Z", "12345678ZZ", "401-023-2138", "12.34.5678Z",
    })
    void dniRejects(String text) {
        assertThat(Found.values(dni, "ref " + text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"123456789Z", "X12345678Z", "AB12345678Z", "12345678ZZ", "401-023-2138"})
    void dniRejectsWrongShapesEvenAfterContext(String text) {
        assertThat(Found.values(dni, "dni " + text)).isEmpty();
    }

    @Test
    void wrongCheckLetterIsANearMissOnlyAfterContext() {
        assertThat(Found.confidenceOf(dni, "DNI: 70976263E", "70976263E")).isEqualTo(Confidence.NEAR_MISS);
        assertThat(Found.values(dni, "ref 70976263E")).isEmpty();
        assertThat(Found.confidenceOf(nie, "NIE X1234567A", "X1234567A")).isEqualTo(Confidence.NEAR_MISS);
        assertThat(Found.values(nie, "ref X1234567A")).isEmpty();
        assertThat(Found.values(dni, "DNI 12 345 678 Z")).containsExactly("12 345 678 Z");
        assertThat(Found.values(dni, "ref 12 345 678 Z")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"X1234567A", "W8063915Q", "Y806391Q", "AX1234567L", "X12345678L"})
    void nieRejects(String text) {
        assertThat(Found.values(nie, "ref " + text)).isEmpty();
    }

    @Test
    void dniInAnyGroupingWithTheLetterAfterAnySeparatorOnlyAfterContext() {
        assertThat(Found.values(dni, "DNI: 12 - 345 - 678 - Z and more")).containsExactly("12 - 345 - 678 - Z");
        assertThat(Found.values(dni, "con DNI 1234.5678. Z. Gracias")).containsExactly("1234.5678. Z");
        assertThat(Found.values(dni, "DNI: 123/45678/Z")).containsExactly("123/45678/Z");
        assertThat(Found.values(dni, "ref 12 345 678 Z")).isEmpty();
        assertThat(Found.values(dni, "ref 12345678. Z")).isEmpty();
        assertThat(Found.values(dni, "DNI: 12 345\n678\nZ")).isEmpty(); // two line breaks
    }

    @Test
    void nieInAnyGroupingOnlyAfterContext() {
        assertThat(Found.values(nie, "NIE: X 12 345 67 - L, gracias")).containsExactly("X 12 345 67 - L");
        assertThat(Found.values(nie, "con NIE X.123/4567.L.")).containsExactly("X.123/4567.L");
        assertThat(Found.values(nie, "ref X 12 345 67 L")).isEmpty();
        assertThat(Found.values(nie, "ref X1234567 L")).containsExactly("X1234567 L");
        assertThat(Found.values(nie, "NIE X 123 4567 8 L")).isEmpty(); // eight digits
    }
}
