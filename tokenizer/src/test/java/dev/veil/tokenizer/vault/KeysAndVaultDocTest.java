package dev.veil.tokenizer.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.veil.tokenizer.token.VaultedTokenFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/keys-and-vault.md: its Java embedding example runs as shown, and the errors it quotes are the
 * ones the code gives (paths of this test's files written as the page writes them).
 */
class KeysAndVaultDocTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static String page;

    @TempDir
    Path dir;

    @BeforeAll
    static void readPage() throws Exception {
        // the page wraps lines, inside code blocks too: compare with runs of white space as one space
        page = flat(Files.readString(Path.of("../docs/keys-and-vault.md"), StandardCharsets.UTF_8));
    }

    @Test
    void theEmbeddingExampleTokenizesConvergentlyAndDetokenizes() {
        MasterKey master = MasterKey.load(null, Map.of(MasterKey.ENV, java.util.Base64.getEncoder().encodeToString(new byte[32])));
        LocalKeyProvider keys = LocalKeyProvider.open(dir.resolve(".veil/keyring"), master, RANDOM);
        keys.createIfAbsent("acme/vault");
        keys.createIfAbsent("acme/fingerprint");
        try (MvStoreTokenStore store = MvStoreTokenStore.open(dir.resolve("data/tokens.mv.db"))) {
            VaultedTokenFormat cards = VaultedTokenFormat.builder(keys, store).namespace("acme").convergent().build();
            String token = cards.tokenize("4111 1111 1111 1111").text();

            assertThat(token).matches("tok_[0-9A-Za-z]{22}");
            assertThat(cards.tokenize("4111 1111 1111 1111").text()).isEqualTo(token);
            assertThat(cards.detokenize(token, 0)).isEqualTo("4111 1111 1111 1111");
        }
        for (String line : new String[] {"MvStoreTokenStore store = MvStoreTokenStore.open(Path.of(\"data/tokens.mv.db\"))",
                "keys.createIfAbsent(\"acme/vault\");", "keys.createIfAbsent(\"acme/fingerprint\");", ".convergent()",
                "cards.detokenize(token, 0);"}) {
            assertPageShows(line);
        }
    }

    @Test
    void masterKeyAndKeyringErrorsAreTheOnesThePageQuotes() {
        assertQuoted(catchThrowable(() -> MasterKey.load(null, Map.of())));

        Path keyring = dir.resolve(".veil/keyring");
        LocalKeyProvider keys = LocalKeyProvider.open(keyring, MasterKey.generate(RANDOM), RANDOM);
        assertQuoted(catchThrowable(() -> keys.current("acme/card")));
        assertQuoted(catchThrowable(() -> LocalKeyProvider.open(keyring, MasterKey.generate(RANDOM), RANDOM)));
    }

    @Test
    void tokenStoreErrorsAreTheOnesThePageQuotes() {
        Path file = dir.resolve("tokens.mv.db");
        try (MvStoreTokenStore store = MvStoreTokenStore.open(file)) {
            Throwable inUse = catchThrowable(() -> MvStoreTokenStore.open(file));
            assertPageShows("`token store /srv/veil/tokens.mv.db "
                    + inUse.getMessage().substring(("token store " + file.toAbsolutePath()).length() + 1) + "`");

            LocalKeyProvider keys = LocalKeyProvider.open(dir.resolve("keyring"), MasterKey.generate(RANDOM), RANDOM);
            keys.createIfAbsent("acme/vault");
            VaultedTokenFormat format = VaultedTokenFormat.builder(keys, store).namespace("acme").build();
            assertQuoted(catchThrowable(() -> format.detokenize("tok_" + "0".repeat(22), 0)));
            assertQuoted(catchThrowable(() -> format.detokenize("tok_short", 0)));

            String token = format.tokenize("ana@example.com").text();
            LocalKeyProvider otherKeys = LocalKeyProvider.open(dir.resolve("other-keyring"), MasterKey.generate(RANDOM), RANDOM);
            otherKeys.createIfAbsent("acme/vault");
            assertQuoted(catchThrowable(() -> VaultedTokenFormat.builder(otherKeys, store).namespace("acme").build().detokenize(token, 0)));
        }
    }

    /** The page quotes {@code thrown}'s message, with this test's directory written as the page writes it. */
    private void assertQuoted(Throwable thrown) {
        assertThat(thrown).isNotNull();
        assertPageShows(flat(thrown.getMessage().replace(dir.toAbsolutePath() + "/", "").replace(dir + "/", "")));
    }

    private static void assertPageShows(String text) {
        assertThat(page.contains(text)).as("docs/keys-and-vault.md shows: %s", text).isTrue();
    }

    private static String flat(String text) {
        return text.replaceAll("\\s+", " ");
    }
}
