package dev.veil.tokenizer.token;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.veil.tokenizer.vault.InMemoryTokenStore;
import dev.veil.tokenizer.vault.KeyUnavailableException;
import dev.veil.tokenizer.vault.LocalKeyProvider;
import dev.veil.tokenizer.vault.MasterKey;
import dev.veil.tokenizer.vault.MvStoreTokenStore;
import dev.veil.tokenizer.vault.StoredToken;
import dev.veil.tokenizer.vault.TestBytes;
import dev.veil.tokenizer.vault.TokenStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VaultedTokenFormatTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CARD = "4111 1111 1111 1111";

    @TempDir
    Path dir;

    private MasterKey master;
    private LocalKeyProvider keys;
    private MvStoreTokenStore store;

    @BeforeEach
    void open() {
        master = MasterKey.generate(RANDOM);
        keys = LocalKeyProvider.open(dir.resolve("keyring"), master, RANDOM);
        // keys are created explicitly (as veil keys init --policy does), never by tokenizing
        for (String keyId : new String[] {"acme/vault", "acme/fingerprint", "globex/vault", "globex/fingerprint"}) {
            keys.createIfAbsent(keyId);
        }
        store = MvStoreTokenStore.open(dir.resolve("tokens.mv.db"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private VaultedTokenFormat.Builder format(TokenStore tokenStore) {
        return VaultedTokenFormat.builder(keys, tokenStore).namespace("acme").random(RANDOM);
    }

    @Test
    void tokenIsThePrefixAnd22Base62Characters() {
        VaultedTokenFormat format = format(store).build();

        Token token = format.tokenize(CARD);

        assertThat(format.name()).isEqualTo("random");
        assertThat(token.text()).matches("tok_[0-9A-Za-z]{22}");
        assertThat(token.keyVersion()).isZero();
        assertThat(format(store).prefix("card_").build().tokenize(CARD).text()).matches("card_[0-9A-Za-z]{22}");
    }

    @Test
    void tokenIsThePrefixAndTheBase62EncodingOfTheFirst16RandomBytes() throws Exception {
        SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
        seeded.setSeed(42L);
        SecureRandom twin = SecureRandom.getInstance("SHA1PRNG");
        twin.setSeed(42L);
        byte[] bits = new byte[16];
        twin.nextBytes(bits);

        Token token = format(store).random(seeded).build().tokenize(CARD);

        assertThat(token.text()).isEqualTo("tok_" + Base62.encode(bits));
    }

    @Test
    void tokensUseTheWholeAlphabetAndEveryPosition() {
        VaultedTokenFormat format = format(InMemoryTokenStore.of()).build();
        Set<Character> seen = new HashSet<>();
        Set<Character> firstDigits = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String random = format.tokenize("v" + i).text().substring(4);
            random.chars().forEach(c -> seen.add((char) c));
            firstDigits.add(random.charAt(0));
        }
        assertThat(seen).hasSize(62);
        // (2^128 - 1) / 62^21 is 7.something, so the leading digit is one of 0 to 7: fixed width, no overflow
        assertThat(firstDigits).containsExactlyInAnyOrder('0', '1', '2', '3', '4', '5', '6', '7');
    }

    @Test
    void randomModeGivesEveryTokenizationItsOwnToken() {
        VaultedTokenFormat format = format(store).build();

        String first = format.tokenize(CARD).text();
        String second = format.tokenize(CARD).text();

        assertThat(first).isNotEqualTo(second);
        assertThat(format.detokenize(first, 0)).isEqualTo(CARD);
        assertThat(format.detokenize(second, 0)).isEqualTo(CARD);
        assertThat(store.size()).isEqualTo(2);
    }

    @Test
    void convergentModeGivesEqualValuesEqualTokensPerNamespace() {
        VaultedTokenFormat acme = format(store).convergent().build();
        VaultedTokenFormat globex = VaultedTokenFormat.builder(keys, store).namespace("globex").convergent().build();

        String token = acme.tokenize(CARD).text();

        assertThat(acme.tokenize(CARD).text()).isEqualTo(token);
        assertThat(acme.tokenize("4111 1111 1111 1112").text()).isNotEqualTo(token);
        assertThat(globex.tokenize(CARD).text()).isNotEqualTo(token);
        assertThat(acme.detokenize(token, 0)).isEqualTo(CARD);
        assertThat(store.size()).isEqualTo(3);
    }

    @Test
    void aValueSeenBeforeIsLookedUpAndNothingIsWrittenForIt() {
        CountingStore counting = new CountingStore(store, true);
        VaultedTokenFormat format = format(counting).convergent().build();
        String token = format.tokenize(CARD).text();
        long stored = store.size();

        assertThat(format.tokenize(CARD).text()).isEqualTo(token);
        assertThat(format.tokenize(CARD).text()).isEqualTo(token);

        assertThat(counting.writes).isEqualTo(1);
        assertThat(store.size()).isEqualTo(stored);
        assertThat(format.detokenize(token, 0)).isEqualTo(CARD);
    }

    @Test
    void aStoreWithoutTheLookUpStillGivesEqualValuesEqualTokens() {
        CountingStore counting = new CountingStore(store, false);
        VaultedTokenFormat format = format(counting).convergent().build();
        String token = format.tokenize(CARD).text();

        assertThat(format.tokenize(CARD).text()).isEqualTo(token);
        assertThat(counting.writes).isEqualTo(2); // putIfAbsent decided, as before the look-up existed
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void aSeededRandomGivesTheSameLaterTokensWithOrWithoutTheLookUp() throws Exception {
        SecureRandom withLookUp = SecureRandom.getInstance("SHA1PRNG");
        withLookUp.setSeed(7L);
        SecureRandom without = SecureRandom.getInstance("SHA1PRNG");
        without.setSeed(7L);
        VaultedTokenFormat looking = format(store).random(withLookUp).convergent().build();
        VaultedTokenFormat deciding = VaultedTokenFormat.builder(keys, new CountingStore(InMemoryTokenStore.of(), false))
                .namespace("acme").random(without).convergent().build();

        for (String value : new String[] {CARD, CARD, "a@example.com", CARD, "b@example.com"}) {
            assertThat(looking.tokenize(value).text()).isEqualTo(deciding.tokenize(value).text());
        }
    }

    /** Counts convergent writes; answers the look-up from the store it wraps, or not at all (the interface's default). */
    private static final class CountingStore implements TokenStore {
        private final TokenStore store;
        private final boolean lookUp;
        int writes;

        CountingStore(TokenStore store, boolean lookUp) {
            this.store = store;
            this.lookUp = lookUp;
        }

        @Override
        public void put(StoredToken entry) {
            store.put(entry);
        }

        @Override
        public String putIfAbsent(byte[] fingerprint, StoredToken entry) {
            writes++;
            return store.putIfAbsent(fingerprint, entry);
        }

        @Override
        public java.util.Optional<String> convergentToken(String namespace, byte[] fingerprint) {
            return lookUp ? store.convergentToken(namespace, fingerprint) : TokenStore.super.convergentToken(namespace, fingerprint);
        }

        @Override
        public java.util.Optional<StoredToken> get(String token) {
            return store.get(token);
        }

        @Override
        public void recordKeyVersion(byte[] entry, int version) {
            store.recordKeyVersion(entry, version);
        }

        @Override
        public java.util.List<Integer> keyVersions(byte[] entry) {
            return store.keyVersions(entry);
        }

        @Override
        public void close() {}
    }

    @Test
    void convergentTokensSurviveReopening() {
        String token = format(store).convergent().build().tokenize(CARD).text();
        store.close();
        store = MvStoreTokenStore.open(dir.resolve("tokens.mv.db"));
        keys = LocalKeyProvider.open(dir.resolve("keyring"), master, RANDOM);

        VaultedTokenFormat reopened = format(store).convergent().build();

        assertThat(reopened.tokenize(CARD).text()).isEqualTo(token);
        assertThat(reopened.detokenize(token, 0)).isEqualTo(CARD);
    }

    @Test
    void concurrentConvergentTokenizationsOfOneValueAgreeOnOneToken() throws Exception {
        VaultedTokenFormat format = format(store).convergent().build();
        format.tokenize("warm-up"); // creates the keys, so the race is on the store alone
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return format.tokenize(CARD).text();
                }));
            }
            start.countDown();
            Set<String> tokens = new HashSet<>();
            for (Future<String> result : results) {
                tokens.add(result.get(30, TimeUnit.SECONDS));
            }
            assertThat(tokens).hasSize(1);
            assertThat(store.size()).isEqualTo(2);
            assertThat(format.detokenize(tokens.iterator().next(), 0)).isEqualTo(CARD);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void tokensMadeBeforeARotationStillResolve() {
        VaultedTokenFormat format = format(store).build();
        String before = format.tokenize(CARD).text();

        keys.rotate("acme/vault");
        String after = format.tokenize(CARD).text();

        assertThat(store.get(before).orElseThrow().keyVersion()).isEqualTo(1);
        assertThat(store.get(after).orElseThrow().keyVersion()).isEqualTo(2);
        assertThat(format.detokenize(before, 0)).isEqualTo(CARD);
        assertThat(format.detokenize(after, 0)).isEqualTo(CARD);
    }

    @Test
    void rotatingTheFingerprintKeyStartsAfreshButOldTokensResolve() {
        VaultedTokenFormat format = format(store).convergent().build();
        String before = format.tokenize(CARD).text();

        keys.rotate("acme/fingerprint");
        String after = format.tokenize(CARD).text();

        assertThat(after).isNotEqualTo(before);
        assertThat(format.tokenize(CARD).text()).isEqualTo(after);
        assertThat(format.detokenize(before, 0)).isEqualTo(CARD);
    }

    @Test
    void storeHoldsNoPlaintext() throws Exception {
        String value = "jane.doe.unique.marker@example.com";
        String token = format(store).build().tokenize(value).text();
        format(store).convergent().build().tokenize(value);
        byte[] ciphertext = store.get(token).orElseThrow().ciphertext();
        store.close();

        byte[] file = Files.readAllBytes(dir.resolve("tokens.mv.db"));

        assertThat(TestBytes.contains(file, token.getBytes(UTF_8))).isTrue(); // the search works
        assertThat(TestBytes.contains(file, value.getBytes(UTF_8))).isFalse();
        assertThat(TestBytes.contains(file, "unique.marker".getBytes(UTF_8))).isFalse();
        assertThat(TestBytes.contains(ciphertext, value.getBytes(UTF_8))).isFalse();
    }

    @Test
    void unknownTokenIsRefusedWithoutEchoingIt() {
        VaultedTokenFormat format = format(store).build();
        String unknown = "tok_0000000000000000000042";

        assertThatThrownBy(() -> format.detokenize(unknown, 0))
                .isInstanceOf(TokenizationException.class)
                .hasMessage("unknown token");
    }

    @Test
    void tokenOfAnotherNamespaceIsUnknown() {
        String token = format(store).build().tokenize(CARD).text();
        VaultedTokenFormat globex = VaultedTokenFormat.builder(keys, store).namespace("globex").build();

        assertThatThrownBy(() -> globex.detokenize(token, 0))
                .isInstanceOf(TokenizationException.class)
                .hasMessage("unknown token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "tok_", "tok_4111111111111111", "tok_00000000000000000000000", "tok_000000000000000000000!",
        "tok_8000000000000000000000", "card_000000000000000000000", "4111 1111 1111 1111"})
    void malformedTokenIsRefusedWithoutEchoingIt(String token) {
        VaultedTokenFormat format = format(store).build();

        assertThatThrownBy(() -> format.detokenize(token, 0))
                .isInstanceOf(TokenizationException.class)
                .hasMessage("malformed token (expected: tok_ and 22 letters or digits)");
    }

    @Test
    void alteredCiphertextIsRefused() {
        InMemoryTokenStore original = InMemoryTokenStore.of();
        String token = format(original).build().tokenize(CARD).text();
        StoredToken entry = original.get(token).orElseThrow();
        byte[] altered = entry.ciphertext();
        altered[altered.length - 20] ^= 1;
        InMemoryTokenStore tampered = InMemoryTokenStore.of();
        tampered.put(new StoredToken(token, entry.namespace(), entry.keyId(), entry.keyVersion(), altered));

        assertThatThrownBy(() -> format(tampered).build().detokenize(token, 0))
                .isInstanceOf(TokenizationException.class)
                .hasMessageContaining("fails authentication")
                .hasMessageNotContaining(token)
                .hasMessageNotContaining(CARD);
    }

    @Test
    void ciphertextMovedToAnotherTokenIsRefused() {
        InMemoryTokenStore original = InMemoryTokenStore.of();
        VaultedTokenFormat format = format(original).build();
        String victim = format.tokenize(CARD).text();
        String attacker = format.tokenize("nothing").text();
        StoredToken entry = original.get(victim).orElseThrow();
        InMemoryTokenStore swapped = InMemoryTokenStore.of();
        swapped.put(new StoredToken(attacker, entry.namespace(), entry.keyId(), entry.keyVersion(), entry.ciphertext()));

        assertThatThrownBy(() -> format(swapped).build().detokenize(attacker, 0))
                .isInstanceOf(TokenizationException.class)
                .hasMessageContaining("fails authentication");
    }

    @Test
    void anotherKeyringCannotResolveTokensAndFailsClosed() {
        String token = format(store).build().tokenize(CARD).text();
        LocalKeyProvider otherKeys = LocalKeyProvider.open(dir.resolve("other-keyring"), MasterKey.generate(RANDOM), RANDOM);
        VaultedTokenFormat other = VaultedTokenFormat.builder(otherKeys, store).namespace("acme").build();

        assertThatThrownBy(() -> other.detokenize(token, 0))
                .isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("acme/vault does not exist");
        otherKeys.createIfAbsent("acme/vault");
        assertThatThrownBy(() -> other.detokenize(token, 0))
                .isInstanceOf(TokenizationException.class)
                .hasMessageContaining("fails authentication");
    }

    @Test
    void closedStoreFailsClosedWithoutShowingTheValue() {
        VaultedTokenFormat format = format(store).build();
        String token = format.tokenize(CARD).text();
        VaultedTokenFormat convergent = format(store).convergent().build();
        store.close();

        for (Throwable thrown : List.of(
                catchThrowable(() -> format.tokenize(CARD)),
                catchThrowable(() -> convergent.tokenize(CARD)),
                catchThrowable(() -> format.detokenize(token, 0)))) {
            assertThat(thrown).isInstanceOf(TokenizationException.class);
            assertNoSecretIn(thrown, CARD, token);
        }
    }

    @Test
    void unpairedSurrogateIsRefusedWithoutShowingTheValue() {
        String value = "4242 4242 \uD800 4242";

        Throwable thrown = catchThrowable(() -> format(store).build().tokenize(value));

        assertThat(thrown).isInstanceOf(TokenizationException.class).hasMessageContaining("unpaired surrogates");
        assertNoSecretIn(thrown, "4242", value);
        assertThat(store.size()).isZero();
    }

    @Test
    void surrogatePairsRoundTrip() {
        VaultedTokenFormat format = format(store).build();
        String value = "Zoë 😀 名前";

        assertThat(format.detokenize(format.tokenize(value).text(), 0)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Tok_", "t_", "tok", "tok-", "toolongpx_", "1ok_"})
    void rejectsBadPrefixes(String prefix) {
        assertThatThrownBy(() -> format(store).prefix(prefix))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("prefix: ");
    }

    @Test
    void validatesItsConfiguration() {
        assertThatThrownBy(() -> VaultedTokenFormat.builder(keys, store).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("namespace: not set");
        assertThatThrownBy(() -> VaultedTokenFormat.builder(keys, store).namespace("Acme Corp"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("namespace: ");
        assertThatThrownBy(() -> format(store).dataKeyId("shared").convergent("shared").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("fingerprintKeyId: ");
        assertThatThrownBy(() -> format(store).dataKeyId("Bad Key"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("keyId: ");
    }

    @Test
    void customKeyIdsAreUsed() {
        VaultedTokenFormat format = format(store).dataKeyId("shared/data").convergent("shared/fp").build();
        assertThatThrownBy(() -> format.tokenize(CARD)).isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("key shared/data does not exist");
        keys.createIfAbsent("shared/data");
        assertThatThrownBy(() -> format.tokenize(CARD)).isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("key shared/fp does not exist");
        keys.createIfAbsent("shared/fp");

        String token = format.tokenize(CARD).text();

        assertThat(store.get(token).orElseThrow().keyId()).isEqualTo("shared/data");
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void aFingerprintKeyThatIsNotA256BitKeyIsRefusedLikeEveryOtherKeyAndNothingIsStored() {
        TestKeys shortFingerprint = new TestKeys().with("acme/vault", new byte[32]).with("acme/fingerprint", new byte[16]);
        InMemoryTokenStore memory = InMemoryTokenStore.of();
        VaultedTokenFormat format = VaultedTokenFormat.builder(shortFingerprint, memory).namespace("acme").convergent().build();

        assertThatThrownBy(() -> format.tokenize(CARD))
                .isInstanceOf(TokenizationException.class)
                .hasMessage("key acme/fingerprint v1 is not an exportable 256-bit key");
        assertThat(memory.size()).isZero();
    }

    private static void assertNoSecretIn(Throwable thrown, String... secrets) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            for (String secret : secrets) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
                assertThat(t.toString()).doesNotContain(secret);
            }
        }
    }
}
