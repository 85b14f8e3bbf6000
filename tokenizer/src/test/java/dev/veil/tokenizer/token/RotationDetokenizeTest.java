package dev.veil.tokenizer.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.tokenizer.vault.InMemoryTokenStore;
import dev.veil.tokenizer.vault.KeyVersionIndex;
import dev.veil.tokenizer.vault.MvStoreTokenStore;
import dev.veil.tokenizer.vault.TokenStore;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rotation followed by detokenize, for every reversible format: a token made before a rotation
 * turns back into its own value, with or without the caller's version, and never into another
 * value; a token whose version cannot be determined is refused.
 */
class RotationDetokenizeTest {

    @TempDir
    Path dir;

    /** A reversible format under test: how to build it over keys and an index, and a value it takes. */
    record Case(String name, BiFunction<TestKeys, TokenStore, ReversibleTokenFormat> make, String value) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> formats() {
        return Stream.of(
                new Case("fpe-digits", (keys, store) -> FpeFormat.digits(keys, "acme/phone", "acme/phone")
                        .withVersionIndex(store, "acme/phone.index"), "+1 (555) 010-4477"),
                new Case("fpe-alnum", (keys, store) -> FpeFormat.of(keys, "acme/order", "acme/order",
                        FpeFormat.Alphabet.UPPER).withVersionIndex(store, "acme/order.index"), "AB-1234-XY"),
                new Case("fpe-card", (keys, store) -> FpeCardFormat.builder(keys, "acme/card").tweak("acme/card")
                        .versionIndex(store, "acme/card.index").build(), "4242 4242 4242 4242"),
                new Case("random", (keys, store) -> VaultedTokenFormat.builder(keys, store).namespace("acme")
                        .dataKeyId("acme/vault").build(), "4242 4242 4242 4242"),
                new Case("random convergent", (keys, store) -> VaultedTokenFormat.builder(keys, store).namespace("acme")
                        .dataKeyId("acme/vault").convergent("acme/vault-fingerprint").build(), "4242 4242 4242 4242"))
                .flatMap(c -> Stream.of(Arguments.of(c, "memory"), Arguments.of(c, "file")));
    }

    private TokenStore store(String kind) {
        return kind.equals("memory") ? InMemoryTokenStore.of() : MvStoreTokenStore.open(dir.resolve("tokens.mv.db"));
    }

    @ParameterizedTest(name = "{0} ({1} store)")
    @MethodSource("formats")
    void aTokenMadeBeforeARotationTurnsBackIntoItsOwnValue(Case c, String storeKind) {
        TestKeys keys = new TestKeys();
        try (TokenStore store = store(storeKind)) {
            ReversibleTokenFormat format = c.make().apply(keys, store);
            Token before = format.tokenize(c.value());

            keys.rotate(keyOf(c));
            Token after = format.tokenize(c.value());

            assertThat(format.detokenize(before.text(), 0)).isEqualTo(c.value());
            assertThat(format.detokenize(after.text(), 0)).isEqualTo(c.value());
            assertThat(format.detokenize(before.text(), before.keyVersion())).isEqualTo(c.value());
            if (!c.name().startsWith("random")) {
                assertThat(after.text()).isNotEqualTo(before.text());
                assertThat(before.keyVersion()).isEqualTo(1);
                assertThat(after.keyVersion()).isEqualTo(2);
                // the caller's version, when it disagrees with the record, is refused rather than used
                assertThatThrownBy(() -> format.detokenize(before.text(), 2))
                        .isInstanceOf(KeyVersionUnknownException.class)
                        .hasMessageNotContaining(before.text())
                        .hasMessageNotContaining(c.value())
                        .extracting(e -> ((KeyVersionUnknownException) e).code()).isEqualTo(KeyVersionUnknownException.MISMATCH);
            }
        }
    }

    @ParameterizedTest(name = "{0} ({1} store)")
    @MethodSource("formats")
    void aTokenWhoseVersionWasNeverRecordedIsRefusedAfterARotation(Case c, String storeKind) {
        if (c.name().startsWith("random")) {
            return; // vaulted tokens always carry their version in the store
        }
        TestKeys keys = new TestKeys();
        try (TokenStore store = store(storeKind); TokenStore elsewhere = InMemoryTokenStore.of()) {
            // made by a format whose index is another store: this store never heard of the token
            Token before = c.make().apply(keys, elsewhere).tokenize(c.value());
            ReversibleTokenFormat format = c.make().apply(keys, store);
            keys.rotate(keyOf(c));

            assertThatThrownBy(() -> format.detokenize(before.text(), 0))
                    .isInstanceOf(KeyVersionUnknownException.class)
                    .hasMessageContaining("never guesses")
                    .hasMessageNotContaining(before.text())
                    .extracting(e -> ((KeyVersionUnknownException) e).code()).isEqualTo(KeyVersionUnknownException.UNKNOWN);
            // the version the caller kept (a ticket's token record) still works
            assertThat(format.detokenize(before.text(), 1)).isEqualTo(c.value());
        }
    }

    @Test
    void twoVersionsThatGaveTheSameTokenAreAmbiguousUnlessTheCallerSaysWhich() {
        TestKeys keys = new TestKeys();
        InMemoryTokenStore store = InMemoryTokenStore.of();
        FpeFormat format = FpeFormat.digits(keys, "acme/phone", "t").withVersionIndex(store, "acme/phone.index");
        Token v1 = format.tokenize("5550104477");
        keys.rotate("acme/phone");
        // find a value that version 2 maps onto the very token version 1 made
        String other = format.detokenize(v1.text(), 0).equals("5550104477")
                ? FpeFormat.digits(keys, "acme/phone", "t").detokenize(v1.text(), 2) : null;
        Token v2 = format.tokenize(other);
        assertThat(v2.text()).isEqualTo(v1.text());

        assertThatThrownBy(() -> format.detokenize(v1.text(), 0))
                .isInstanceOf(KeyVersionUnknownException.class)
                .extracting(e -> ((KeyVersionUnknownException) e).code()).isEqualTo(KeyVersionUnknownException.AMBIGUOUS);
        assertThat(format.detokenize(v1.text(), 1)).isEqualTo("5550104477");
        assertThat(format.detokenize(v1.text(), 2)).isEqualTo(other);
    }

    @Test
    void theIndexHoldsNeitherTheTokenNorTheValue() {
        TestKeys keys = new TestKeys();
        RecordingIndex index = new RecordingIndex();
        Token token = FpeFormat.digits(keys, "acme/phone", "t").withVersionIndex(index, "acme/phone.index").tokenize("5550104477");

        assertThat(index.entries).hasSize(1);
        String entry = new String(index.entries.get(0), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(entry).doesNotContain(token.text()).doesNotContain("5550104477");
        assertThat(index.entries.get(0)).hasSize(32);
    }

    @Test
    void separatorsDoNotChangeWhichVersionIsFound() {
        TestKeys keys = new TestKeys();
        InMemoryTokenStore store = InMemoryTokenStore.of();
        FpeCardFormat format = FpeCardFormat.builder(keys, "acme/card").versionIndex(store, "acme/card.index").build();
        Token token = format.tokenize("4242 4242 4242 4242");
        keys.rotate("acme/card");

        assertThat(format.detokenize(token.text().replace(" ", ""), 0)).isEqualTo("4242424242424242");
    }

    @Test
    void aStoreThatCannotRecordTheVersionFailsTheTokenizationClosed() {
        InMemoryTokenStore store = InMemoryTokenStore.of();
        FpeCardFormat format = FpeCardFormat.builder(new TestKeys(), "acme/card").versionIndex(store, "acme/card.index").build();
        store.close();

        assertThatThrownBy(() -> format.tokenize("4242 4242 4242 4242"))
                .isInstanceOf(dev.veil.tokenizer.vault.TokenStoreUnavailableException.class)
                .hasMessage("token store: key version index write failed")
                .isNotInstanceOf(TokenizationException.class); // the engine must not take it for a value of the wrong shape
    }

    @Test
    void theIndexKeyMustDifferFromTheTokenKey() {
        assertThatThrownBy(() -> FpeFormat.digits(new TestKeys(), "acme/phone", "t")
                .withVersionIndex(InMemoryTokenStore.of(), "acme/phone"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String keyOf(Case c) {
        return switch (c.name()) {
            case "fpe-digits" -> "acme/phone";
            case "fpe-alnum" -> "acme/order";
            case "fpe-card" -> "acme/card";
            default -> "acme/vault";
        };
    }

    /** An index that keeps what it was given, to show what it is given. */
    private static final class RecordingIndex implements KeyVersionIndex {
        final List<byte[]> entries = new java.util.ArrayList<>();

        @Override
        public void recordKeyVersion(byte[] entry, int version) {
            entries.add(entry.clone());
        }

        @Override
        public List<Integer> keyVersions(byte[] entry) {
            return List.of();
        }
    }
}
