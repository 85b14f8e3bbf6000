package dev.veil.tokenizer.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class Base62Test {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    @Test
    void widthsAreTheFewestCharactersThatHoldEveryValue() {
        assertThat(Base62.encodedLength(0)).isEqualTo(0);
        assertThat(Base62.encodedLength(1)).isEqualTo(2);
        assertThat(Base62.encodedLength(16)).isEqualTo(22);
        assertThat(Base62.encodedLength(32)).isEqualTo(43);
        assertThat(Base62.encodedLength(100)).isEqualTo(135);
    }

    @Test
    void encodesExtremes() {
        assertThat(Base62.encode(new byte[16])).isEqualTo("0".repeat(22));
        byte[] max = new byte[16];
        java.util.Arrays.fill(max, (byte) 0xFF);
        assertThat(Base62.encode(max)).isEqualTo(viaBigInteger(max, 22));
        assertThat(Base62.encode(new byte[] {0, 61})).isEqualTo("00z");
        assertThat(Base62.encode(new byte[] {0, 62})).isEqualTo("010");
    }

    @Property(tries = 300)
    void matchesPositionalNotationAndRoundTrips(@ForAll @Size(max = 70) byte[] bytes) {
        String text = Base62.encode(bytes);
        assertThat(text).hasSize(Base62.encodedLength(bytes.length)).isEqualTo(viaBigInteger(bytes, text.length()));
        assertThat(Base62.decode(text, bytes.length)).containsExactly(bytes);
    }

    @Property(tries = 300)
    void lastDigitsAreTheEncodingsEnd(@ForAll @Size(max = 40) byte[] bytes, @ForAll @net.jqwik.api.constraints.IntRange(max = 60) int count) {
        int width = Base62.encodedLength(bytes.length);
        int kept = Math.min(count, width);
        assertThat(Base62.lastDigits(bytes, kept)).isEqualTo(viaBigInteger(bytes, width).substring(width - kept));
    }

    @Property(tries = 200)
    void ordersLikeTheNumbers(@ForAll @Size(16) byte[] a, @ForAll @Size(16) byte[] b) {
        int numeric = new BigInteger(1, a).compareTo(new BigInteger(1, b));
        assertThat(Integer.signum(Base62.encode(a).compareTo(Base62.encode(b)))).isEqualTo(Integer.signum(numeric));
    }

    @Test
    void decodeRefusesMalformedText() {
        assertThatThrownBy(() -> Base62.decode("abc", 16)).hasMessage("text: 3 characters (expected: 22)");
        assertThatThrownBy(() -> Base62.decode("0000000000000000000-00", 16))
                .hasMessage("text: character at index 19 is not Base62");
        assertThatThrownBy(() -> Base62.decode("zzzzzzzzzzzzzzzzzzzzzz", 16))
                .hasMessage("text: value does not fit in 16 bytes");
    }

    private static String viaBigInteger(byte[] bytes, int width) {
        BigInteger value = new BigInteger(1, bytes);
        BigInteger base = BigInteger.valueOf(62);
        char[] out = new char[width];
        for (int i = width - 1; i >= 0; i--) {
            BigInteger[] qr = value.divideAndRemainder(base);
            out[i] = ALPHABET.charAt(qr[1].intValue());
            value = qr[0];
        }
        assertThat(value).isZero();
        return new String(out);
    }
}
