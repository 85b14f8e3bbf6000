package dev.veil.tokenizer.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of docs/tokenizer.md, computed with the formats they name (under NIST's
 * AES-256 FF1 sample key), so that the page cannot drift from what the code makes.
 */
class TokenizerDocTest {

    private static final byte[] NIST_KEY = HexFormat.of().parseHex(
            "2B7E151628AED2A6ABF7158809CF4F3CEF4359D8D580AA4F7F036D6F04FC6A94");
    private static final TestKeys KEYS = new TestKeys().with("nist", NIST_KEY);

    private static String page;

    @BeforeAll
    static void readPage() throws Exception {
        // the page wraps lines; an example never spans two words of prose, so joining lines is enough
        page = Files.readString(Path.of("../docs/tokenizer.md"), StandardCharsets.UTF_8).replace("\n", " ");
    }

    @Test
    void formatPreservingExamples() {
        assertDocumented(FpeFormat.digits(KEYS, "nist", "acme/phone"), "+1 (555) 010-4477");
        assertDocumented(FpeFormat.of(KEYS, "nist", "acme/order", FpeFormat.Alphabet.of("upper")), "ORD-7F3K-99QZ");
        assertDocumented(FpeFormat.of(KEYS, "nist", "acme/order", FpeFormat.Alphabet.of("mixed")), "aB3x-Yz9Q");
        assertDocumented(FpeCardFormat.builder(KEYS, "nist").tweak("acme/card").build(), "4242 4242 4242 4242");
        assertDocumented(FpeCardFormat.builder(KEYS, "nist").tweak("acme/card").keepFirst(6).build(), "6205-5000-0000-0000-004");
    }

    @Test
    void pseudonymExample() {
        assertDocumented(HashFormat.builder(KEYS, "nist", "acme").prefix("cust_").build(), "maria.garcia@example.com");
    }

    @Test
    void maskAndRedactExamples() {
        assertDocumented(MaskFormat.builder().keepLast(4).build(), "4242 4242 4242 4242");
        assertPageShows("`keepSeparators false` → `"
                + MaskFormat.builder().keepLast(4).keepSeparators(false).build().tokenize("4242 4242 4242 4242").text() + "`");
        assertDocumented(MaskFormat.builder().keepFirst(6).keepLast(4).maskChar("*").build(), "5555 5555 5555 4444");
        assertDocumented(MaskFormat.builder().firstInitial(true).build(), "María García");
        assertDocumented(MaskFormat.builder().firstInitial(true).build(), "Jean-Luc O'Neill");
        assertPageShows("`4242` with `keepLast 4` gives `" + MaskFormat.builder().keepLast(4).build().tokenize("4242").text() + "`");
        assertPageShows("anything → `" + RedactFormat.of("CARD_NUMBER").tokenize("4242 4242 4242 4242").text() + "`");
    }

    /** The page shows {@code `value` → `token`} with the token this format makes of the value. */
    private static void assertDocumented(TokenFormat format, String value) {
        assertPageShows("`" + value + "` → `" + format.tokenize(value).text() + "`");
    }

    private static void assertPageShows(String text) {
        assertThat(page.contains(text)).as("docs/tokenizer.md shows: %s", text).isTrue();
    }
}
