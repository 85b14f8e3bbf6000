package dev.veil.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.tokenizer.token.FpeCardFormat;
import dev.veil.tokenizer.token.TokenizationException;
import dev.veil.tokenizer.vault.KeyUnavailableException;
import org.junit.jupiter.api.Test;

class VeilCommandTest {

    @Test
    void veilExceptionsSpeakForThemselves() {
        assertThat(VeilCommand.failureMessage(new KeyUnavailableException("no master key: set VEIL_MASTER_KEY")))
                .isEqualTo("no master key: set VEIL_MASTER_KEY");
        assertThat(VeilCommand.failureMessage(new TokenizationException("fpe-card needs a Luhn-valid card number")))
                .isEqualTo("fpe-card needs a Luhn-valid card number");
        assertThat(VeilCommand.failureMessage(UsageException.usage("--format: x (expected one of: fpe-card)")))
                .isEqualTo("--format: x (expected one of: fpe-card)");
    }

    @Test
    void everythingElseIsNamedByTypeOnlyWhereverItWasThrown() {
        NumberFormatException parse = caught(() -> Long.parseLong("4111 1111 1111 1111"));
        assertThat(parse.getMessage()).contains("4111");
        assertThat(VeilCommand.failureMessage(parse))
                .isEqualTo("unexpected NumberFormatException (details withheld: they may quote the input)");

        IllegalArgumentException jdk = caught(() -> java.util.UUID.fromString("ana.lopez@example.com"));
        assertThat(VeilCommand.failureMessage(jdk)).doesNotContain("ana.lopez");

        // thrown by Veil's own code, but not a VeilException: no stack-frame guessing, withheld too
        IllegalArgumentException ours = caught(() -> FpeCardFormat.builder(new EphemeralKeyProvider(new java.security.SecureRandom()), "a/b").keepLast(9).build());
        assertThat(VeilCommand.failureMessage(ours)).isEqualTo("unexpected IllegalArgumentException (details withheld: they may quote the input)");
    }

    @Test
    void aBadFormatOptionIsAUsageErrorNamingTheOption() {
        CliRun run = CliRun.of("4111111111111111\n", "tokenize", "--format", "mask", "--keep-first", "999");
        assertThat(run.exitCode()).isEqualTo(1);
        // the format's declared options are checked before a format is built: the message names the flag as typed
        assertThat(run.err()).startsWith("veil tokenize: --keep-first: 999 (expected: a whole number from 0 to 64)").doesNotContain("4111");
        assertThat(run.out()).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static <E extends RuntimeException> E caught(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            return (E) e;
        }
        throw new AssertionError("expected an exception");
    }
}
