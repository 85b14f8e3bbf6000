package dev.veil.tokenizer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressDetectorTest {

    private final IpAddressDetector detector = new IpAddressDetector();

    @ParameterizedTest
    @ValueSource(strings = {
        "192.168.1.10", "8.8.18.8", "255.255.255.255", "10.0.0.0",
        "2001:db8::1", "2001:0db8:85a3:0000:0000:8a2e:0370:7334", "fe80::1", "::1", "::ffff:10.0.0.1",
        "2001:db8:85a3::8a2e:370:7334", "1::",
    })
    void findsValidAddresses(String ip) {
        assertThat(Found.values(detector, "seen " + ip + ", then")).containsExactly(ip);
    }

    @Test
    void exactSpanAndContext() {
        String text = "Conexión desde 203.0.113.45.";
        assertThat(Found.spans(detector, text)).singleElement().satisfies(span -> {
            assertThat(span.start()).isEqualTo(15);
            assertThat(span.end()).isEqualTo(27);
            assertThat(span.confidence()).isEqualTo(0.94);
        });
        assertThat(Found.confidenceOf(detector, "see 203.0.113.45", "203.0.113.45")).isEqualTo(0.8);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "v1.2.3.4", "version 1.2.3.4", "build 10.0.19045.3803",
        "10.0.19045", "at 10:22:33", "3.6.2.1", "updated to 3.16.2.1", "base-passwd (>= 2.0.13.4)", "mac 00:1A:2B:3C:4D:5E", "1:2:3:4:5:6:7:8:9", "1:::2", "2001:db8::1::2",
        "std::vector", "dead::beef", "12345::1", "2024-05-01T10:22:33Z", "1.234.567,89",
    })
    void rejectsLookAlikes(String text) {
        assertThat(Found.values(detector, text)).isEmpty();
    }

    @Test
    void singleDigitQuadsNeedAnIpWord() {
        assertThat(Found.values(detector, "resolver 8.8.8.8")).isEmpty();
        assertThat(Found.values(detector, "DNS server IP 8.8.8.8")).containsExactly("8.8.8.8");
    }

    @Test
    void portsUrlsAndAVersionWordInTheSentenceBefore() {
        IpAddressDetector ip = new IpAddressDetector();
        assertThat(Found.values(ip, "connect to 192.168.10.20:8443 now")).containsExactly("192.168.10.20");
        assertThat(Found.values(ip, "open http://10.20.30.40/admin?x=1")).containsExactly("10.20.30.40");
        assertThat(Found.values(ip, "ssh root@172.16.5.4")).containsExactly("172.16.5.4");
        assertThat(Found.values(ip, "I updated the app. 83.44.120.7 is my address")).containsExactly("83.44.120.7");
        assertThat(Found.values(ip, "app 10.2.3.4 installed")).isEmpty();
        assertThat(Found.values(ip, "ver. 10.2.3.4")).isEmpty();
    }
    /**
     * The detector walks only the dots and colons the text index lists, and turns a word before a
     * dot down when no dotted quad can start there; a plain scan tries every word start of a hex
     * digit and every colon, in order. Both must report the same addresses.
     */
    @Property(tries = 3000)
    void theWalkOverDotsAndColonsFindsWhatAPlainScanOfEveryStartFinds(@ForAll("addressLikeTexts") String text) {
        List<Span> walked = new ArrayList<>();
        detector.detect(text, TextIndex.of(text), walked);

        assertThat(walked).isEqualTo(plainScan(text));
    }

    private static List<Span> plainScan(String text) {
        char[] chars = text.toCharArray();
        List<Span> out = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < chars.length; i++) {
            if (i >= next && (chars[i] == ':' || (Chars.isHex(chars[i]) && Chars.wordStartsAt(chars, i)))) {
                next = IpAddressDetector.candidate(chars, i, out);
            }
        }
        return out;
    }

    @Provide
    Arbitrary<String> addressLikeTexts() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.strings().withChars("0123456789abcdefABCDEF.:").ofMinLength(1).ofMaxLength(12),
                Arbitraries.integers().between(0, 300).map(String::valueOf),
                Arbitraries.of(" ", ".", ":", "::", "/", "//", "@", "-", "=", ">= ", "\n", ", ", ". ", "v", "x", "é", "’",
                        "version ", "ip ", "from ", "http://", "10.0.0.1", "2001:db8::1", "::ffff:1.2.3.4", ":8080",
                        "1.2.3.4", "fe80::", "255.255.255.255", "01.2.3.4", "1.2.3", "app. "));
        return pieces.list().ofMaxSize(25).map(list -> String.join("", list));
    }
}
