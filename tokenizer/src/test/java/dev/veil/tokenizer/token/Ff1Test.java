package dev.veil.tokenizer.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Ff1Test {

    private static final byte[] KEY_256 = HexFormat.of().parseHex(
            "2B7E151628AED2A6ABF7158809CF4F3CEF4359D8D580AA4F7F036D6F04FC6A94");

    record Sample(int number, int radix, byte[] key, byte[] tweak, String plaintext, String ciphertext) {
        @Override
        public String toString() {
            return "sample " + number;
        }
    }

    static Stream<Sample> nistSamples() throws IOException {
        try (InputStream in = Ff1Test.class.getResourceAsStream("ff1-nist-samples.txt");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            List<Sample> samples = reader.lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\\|", -1))
                    .map(f -> new Sample(Integer.parseInt(f[0]), Integer.parseInt(f[2]),
                            HexFormat.of().parseHex(f[3]), HexFormat.of().parseHex(f[4]), f[5], f[6]))
                    .toList();
            assertThat(samples).extracting(Sample::number).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
            return samples.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("nistSamples")
    void encryptsNistSamples(Sample s) {
        Ff1 ff1 = Ff1.of(s.radix());
        byte[] out = ff1.encrypt(s.key(), s.tweak(), numerals(s.plaintext(), s.radix()));
        assertThat(text(out, s.radix())).isEqualTo(s.ciphertext());
    }

    @ParameterizedTest
    @MethodSource("nistSamples")
    void decryptsNistSamples(Sample s) {
        Ff1 ff1 = Ff1.of(s.radix());
        byte[] out = ff1.decrypt(s.key(), s.tweak(), numerals(s.ciphertext(), s.radix()));
        assertThat(text(out, s.radix())).isEqualTo(s.plaintext());
    }

    @Property(tries = 200)
    void decryptReversesEncrypt(@ForAll @IntRange(min = 2, max = 256) int radix,
            @ForAll @Size(min = 0, max = 40) byte[] rawNumerals, @ForAll @Size(max = 32) byte[] tweak) {
        Ff1 ff1 = Ff1.of(radix);
        byte[] numerals = new byte[Math.max(rawNumerals.length, ff1.minLength())];
        for (int i = 0; i < numerals.length; i++) {
            int raw = i < rawNumerals.length ? rawNumerals[i] & 0xFF : i;
            numerals[i] = (byte) (raw % radix);
        }
        byte[] encrypted = ff1.encrypt(KEY_256, tweak, numerals);
        assertThat(encrypted).hasSameSizeAs(numerals);
        for (byte b : encrypted) {
            assertThat(b & 0xFF).isLessThan(radix);
        }
        assertThat(ff1.decrypt(KEY_256, tweak, encrypted)).containsExactly(numerals);
    }

    @Test
    void minLengthIsTheSmallestLengthReachingAMillion() {
        assertThat(Ff1.of(10).minLength()).isEqualTo(6);
        assertThat(Ff1.of(36).minLength()).isEqualTo(4);
        assertThat(Ff1.of(62).minLength()).isEqualTo(4);
        assertThat(Ff1.of(2).minLength()).isEqualTo(20);
        assertThat(Ff1.of(256).minLength()).isEqualTo(3);
        assertThat(Ff1.of(1000 - 900).minLength()).isEqualTo(3);
    }

    @Test
    void refusesDomainsBelowAMillion() {
        byte[] fiveDigits = {1, 2, 3, 4, 5};
        assertThatThrownBy(() -> Ff1.of(10).encrypt(KEY_256, new byte[0], fiveDigits))
                .isInstanceOf(TokenizationException.class)
                .hasMessageContaining("domain 10^5 is below FF1's minimum of 1,000,000")
                .hasMessageNotContaining("12345");
        assertThatThrownBy(() -> Ff1.of(2).decrypt(KEY_256, new byte[0], new byte[19]))
                .isInstanceOf(TokenizationException.class)
                .hasMessageContaining("domain 2^19");
        assertThat(Ff1.of(2).encrypt(KEY_256, new byte[0], new byte[20])).hasSize(20);
    }

    @Test
    void refusesInputsAboveTheMaximumLength() {
        assertThatThrownBy(() -> Ff1.of(10).encrypt(KEY_256, new byte[0], new byte[Ff1.MAX_LENGTH + 1]))
                .isInstanceOf(TokenizationException.class)
                .hasMessageContaining("4097 numerals (expected: at most 4096)");
        assertThat(Ff1.of(10).encrypt(KEY_256, new byte[0], new byte[Ff1.MAX_LENGTH])).hasSize(Ff1.MAX_LENGTH);
    }

    @Test
    void refusesNumeralsOutsideTheRadixWithoutNamingThem() {
        assertThatThrownBy(() -> Ff1.of(10).encrypt(KEY_256, new byte[0], new byte[] {1, 2, 3, 4, 5, 6, 17}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("numerals: index 6 is outside radix 10");
    }

    @Test
    void refusesBadRadixAndKeyLengths() {
        assertThatThrownBy(() -> Ff1.of(1)).hasMessage("radix: 1 (expected: 2 to 256)");
        assertThatThrownBy(() -> Ff1.of(257)).hasMessage("radix: 257 (expected: 2 to 256)");
        assertThatThrownBy(() -> Ff1.of(10).encrypt(new byte[20], new byte[0], new byte[6]))
                .hasMessage("key: 20 bytes (expected: 16, 24 or 32)");
    }

    @Test
    void theTweakChangesTheCiphertext() {
        Ff1 ff1 = Ff1.of(10);
        byte[] plain = numerals("4111111111111111", 10);
        byte[] a = ff1.encrypt(KEY_256, "acme/card".getBytes(StandardCharsets.UTF_8), plain);
        byte[] b = ff1.encrypt(KEY_256, "globex/card".getBytes(StandardCharsets.UTF_8), plain);
        assertThat(a).isNotEqualTo(b).isNotEqualTo(plain);
    }

    private static byte[] numerals(String text, int radix) {
        byte[] out = new byte[text.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Character.digit(text.charAt(i), radix);
        }
        return out;
    }

    private static String text(byte[] numerals, int radix) {
        StringBuilder sb = new StringBuilder();
        for (byte n : numerals) {
            sb.append(Character.forDigit(n & 0xFF, radix));
        }
        return sb.toString();
    }
}
