package dev.veil.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.tokenizer.token.Luhn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenizeCommandTest {

    private static final String CARDS = "4242 4242 4242 4242\n5555-5555-5555-4444\n2223003122003222\n";

    @TempDir
    Path dir;

    private List<String> vault;

    @BeforeEach
    void initKeyring() {
        vault = List.of("--keyring", dir.resolve("keyring").toString(),
                "--master-key-file", dir.resolve("master.key").toString(),
                "--store", dir.resolve("tokens.db").toString());
        assertThat(CliRun.of("", "keys", "init", vault.get(0), vault.get(1), vault.get(2), vault.get(3)).exitCode()).isZero();
        // tokenizing never creates keys: they are created explicitly, as a user would
        assertThat(run("", "keys", "create", "acme/card", "acme/card.index", "default/fpe-card", "default/fpe-card.index",
                "default/fpe-digits", "default/fpe-digits.index", "default/fpe-alnum", "default/fpe-alnum.index", "default/random",
                "acme/contact", "acme/contact-fingerprint").exitCode()).isZero();
    }

    @Test
    void cardTokensKeepGroupingAndLastFourNeverPassLuhnAndTurnBack() {
        CliRun tokens = run(CARDS, "tokenize", "--format", "fpe-card", "--brand", "acme", "--profile", "card");
        assertThat(tokens.exitCode()).isZero();
        assertThat(tokens.err()).contains("key acme/card version 1");
        List<String> lines = lines(tokens.out());
        List<String> cards = lines(CARDS);
        assertThat(lines).hasSize(3);
        for (int i = 0; i < cards.size(); i++) {
            String token = lines.get(i);
            assertThat(token).isNotEqualTo(cards.get(i)).hasSameSizeAs(cards.get(i));
            assertThat(token.replaceAll("[0-9]", "0")).isEqualTo(cards.get(i).replaceAll("[0-9]", "0"));
            assertThat(token).endsWith(cards.get(i).substring(cards.get(i).length() - 4));
            assertThat(Luhn.isValid(token.replaceAll("[^0-9]", ""))).isFalse();
        }

        CliRun back = run(tokens.out(), "detokenize", "--format", "fpe-card", "--brand", "acme", "--profile", "card", "--key-version", "1");
        assertThat(back.exitCode()).isZero();
        assertThat(back.out()).isEqualTo(CARDS);
    }

    @Test
    void oldTokensStillTurnBackAfterRotationWithTheirVersion() {
        String v1 = run(CARDS, "tokenize", "--format", "fpe-card").out();
        assertThat(run("", "keys", "rotate", "default/fpe-card").exitCode()).isZero();
        CliRun v2 = run(CARDS, "tokenize", "--format", "fpe-card");
        assertThat(v2.err()).contains("version 2");
        assertThat(v2.out()).isNotEqualTo(v1);

        assertThat(run(v1, "detokenize", "--format", "fpe-card", "--key-version", "1").out()).isEqualTo(CARDS);
        assertThat(run(v2.out(), "detokenize", "--format", "fpe-card").out()).isEqualTo(CARDS);
        // the version recorded in the store is found without --key-version: never the current one by default
        assertThat(run(v1, "detokenize", "--format", "fpe-card").out()).isEqualTo(CARDS);
    }

    /** The reported bug: after a rotation, an old fpe-card token must never turn into another Luhn-valid card. */
    @Test
    void anOldCardTokenIsRefusedRatherThanTurnedIntoAnotherCard() {
        String v1 = run(CARDS, "tokenize", "--format", "fpe-card").out();
        assertThat(run("", "keys", "rotate", "default/fpe-card").exitCode()).isZero();

        CliRun wrongVersion = run(v1, "detokenize", "--format", "fpe-card", "--key-version", "2");
        assertThat(wrongVersion.exitCode()).isEqualTo(1);
        assertThat(wrongVersion.out()).isEqualTo("\n\n\n");
        assertThat(wrongVersion.err()).contains("line 1: key default/fpe-card: version 2 was given but this token was made with version 1");

        // a store that never saw these tokens cannot tell their version: refused, not decrypted under v2
        CliRun elsewhere = CliRun.of(v1, "detokenize", "--format", "fpe-card", vault.get(0), vault.get(1), vault.get(2), vault.get(3),
                "--store", dir.resolve("other.db").toString());
        assertThat(elsewhere.exitCode()).isEqualTo(1);
        assertThat(elsewhere.out()).isEqualTo("\n\n\n");
        assertThat(elsewhere.err()).contains("line 1: key default/fpe-card: no key version is recorded for this token")
                .doesNotContain("4242").doesNotContain(lines(v1).get(0));
        assertThat(dir.resolve("other.db")).doesNotExist();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "fpe-digits | +1 (555) 010-4477",
        "fpe-alnum  | AB-1234-xy",
        "fpe-card   | 4242 4242 4242 4242",
        "random     | ana@example.com"})
    void everyReversibleFormatTurnsOldTokensBackAfterARotation(String format, String value) {
        String input = value + "\n";
        CliRun before = run(input, "tokenize", "--format", format);
        assertThat(before.exitCode()).isZero();
        assertThat(run("", "keys", "rotate", "default/" + format).exitCode()).isZero();
        CliRun after = run(input, "tokenize", "--format", format);
        assertThat(after.exitCode()).isZero();
        assertThat(after.out()).isNotEqualTo(before.out());

        CliRun oldBack = run(before.out(), "detokenize", "--format", format);
        CliRun newBack = run(after.out(), "detokenize", "--format", format);

        assertThat(oldBack.exitCode()).as(oldBack.err()).isZero();
        assertThat(oldBack.out()).isEqualTo(input);
        assertThat(newBack.exitCode()).as(newBack.err()).isZero();
        assertThat(newBack.out()).isEqualTo(input);
    }

    @Test
    void tokenizeNeverCreatesKeysAndSaysHowTo() {
        CliRun run = run("4242 4242 4242 4242\n", "tokenize", "--format", "fpe-card", "--brand", "nobody");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("key nobody/fpe-card does not exist").contains("veil keys create nobody/fpe-card");
        assertThat(run("", "keys", "list").out()).doesNotContain("nobody");
    }

    @Test
    void convergentRandomTokensRepeatAndResolveFromTheStore() {
        String emails = "ana@example.com\npedro@example.es\nana@example.com\n";
        CliRun tokens = run(emails, "tokenize", "--format", "random", "--brand", "acme", "--profile", "contact", "--prefix", "ctc_", "--convergent");
        assertThat(tokens.exitCode()).isZero();
        List<String> lines = lines(tokens.out());
        assertThat(lines).allSatisfy(token -> assertThat(token).startsWith("ctc_").hasSize(26));
        assertThat(lines.get(0)).isEqualTo(lines.get(2)).isNotEqualTo(lines.get(1));

        CliRun back = run(tokens.out(), "detokenize", "--format", "random", "--brand", "acme", "--profile", "contact", "--prefix", "ctc_", "--convergent");
        assertThat(back.out()).isEqualTo(emails);
    }

    @Test
    void badLinesAreNamedWithoutTheirContentAndKeepOutputAligned() {
        CliRun run = run("4242 4242 4242 4242\n4242 4242 4242 4241\n", "tokenize", "--format", "fpe-card");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("line 2: fpe-card needs a Luhn-valid card number").doesNotContain("4241");
        assertThat(run.out().split("\n", -1)).hasSize(3).satisfies(out -> assertThat(out[1]).isEmpty());
    }

    @Test
    void masksNeedNoKeyringAndOptionsAreCheckedAgainstTheFormat() {
        CliRun mask = CliRun.of("4242 4242 4242 4242\n", "tokenize", "--format", "mask", "--keep-last", "4");
        assertThat(mask.exitCode()).isZero();
        assertThat(mask.out()).isEqualTo("•••• •••• •••• 4242\n");

        CliRun wrong = CliRun.of("x\n", "tokenize", "--format", "fpe-card", "--length", "8");
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.err()).contains("--length does not apply to fpe-card (it takes: --keep-first, --keep-last)");

        CliRun oneWay = run("x\n", "detokenize", "--format", "hash");
        assertThat(oneWay.exitCode()).isEqualTo(1);
        assertThat(oneWay.err()).contains("hash tokens never turn back");
    }

    @Test
    void detokenizeNeverCreatesKeys() {
        CliRun withVersion = run("4242 4242 4242 4243\n", "detokenize", "--format", "fpe-card", "--brand", "nobody", "--key-version", "1");
        CliRun without = run("4242 4242 4242 4241\n", "detokenize", "--format", "fpe-card", "--brand", "nobody");

        assertThat(withVersion.exitCode()).isEqualTo(1);
        assertThat(withVersion.err()).contains("key nobody/fpe-card does not exist");
        assertThat(without.exitCode()).isEqualTo(1);
        assertThat(without.err()).contains("key nobody/fpe-card: no key version is recorded for this token");
        assertThat(run("", "keys", "list").out()).doesNotContain("nobody");
    }

    private CliRun run(String stdin, String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        boolean keys = args[0].equals("keys");
        all.addAll(keys ? vault.subList(0, 4) : vault);
        return CliRun.of(stdin, all.toArray(String[]::new));
    }

    private static List<String> lines(String text) {
        return text.lines().toList();
    }

    @Test
    void aLineOverTheLimitOrNotUtf8FailsAloneAndTheOthersAreStillAnswered() {
        byte[] latin1 = {'c', 'a', 'f', (byte) 0xE9, '\n'};
        String input = "4111111111111111\n" + "4".repeat(ValueLines.MAX_LINE_BYTES + 1) + "\n";
        byte[] bytes = new byte[input.length() + latin1.length + 5];
        System.arraycopy(input.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, bytes, 0, input.length());
        System.arraycopy(latin1, 0, bytes, input.length(), latin1.length);
        System.arraycopy("1234\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, bytes, input.length() + latin1.length, 5);

        CliRun run = CliRun.of(bytes, "tokenize", "--format", "mask", "--keep-last", "2");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out().split("\n", -1)).containsExactly("\u2022".repeat(14) + "11", "", "", "\u2022\u202234", "");
        assertThat(run.err()).isEqualTo("line 2: longer than 65536 bytes (skipped)\nline 3: not UTF-8 text (skipped)\n");
    }
}
