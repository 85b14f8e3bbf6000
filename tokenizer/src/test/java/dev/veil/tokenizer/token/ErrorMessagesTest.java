package dev.veil.tokenizer.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.tokenizer.token.FpeFormat.Alphabet;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

/** Whatever a format is given, its error messages never repeat the value or its digits. */
class ErrorMessagesTest {

    private final TestKeys keys = new TestKeys();
    private final List<ReversibleTokenFormat> formats = List.of(
            FpeFormat.digits(keys, "acme/fpe", "t"),
            FpeFormat.of(keys, "acme/fpe", "t", Alphabet.UPPER),
            FpeFormat.of(keys, "acme/fpe", "t", Alphabet.LOWER),
            FpeCardFormat.builder(keys, "acme/fpe").build(),
            FpeCardFormat.builder(keys, "acme/fpe").keepFirst(6).keepLast(4).build());

    @Property(tries = 300)
    void messagesNeverContainTheValue(
            @ForAll @NumericChars @Chars({' ', '-', 'a', 'Z', '\u00e9', '\u0663', '.'}) @StringLength(min = 6, max = 30)
                    String value) {
        String digits = value.replaceAll("[^0-9]", "");
        for (ReversibleTokenFormat format : formats) {
            check(value, digits, v -> format.tokenize(v).text());
            check(value, digits, v -> format.detokenize(v, 1));
        }
    }

    private static void check(String value, String digits, Function<String, String> operation) {
        try {
            operation.apply(value);
        } catch (TokenizationException e) {
            assertThat(e.getMessage()).doesNotContain(value);
            if (digits.length() >= 6) {
                assertThat(e.getMessage()).doesNotContain(digits);
            }
            assertThat(e.toString()).doesNotContain(value);
        }
    }
}
