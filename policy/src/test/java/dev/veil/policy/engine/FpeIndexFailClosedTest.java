package dev.veil.policy.engine;

import static dev.veil.policy.TestPolicies.ENGINE;
import static dev.veil.policy.TestPolicies.header;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.policy.FixedKeyProvider;
import dev.veil.policy.TestPolicies;
import dev.veil.policy.compile.CompiledPolicy;
import dev.veil.policy.compile.PolicyCompiler;
import dev.veil.tokenizer.detect.DetectorRegistry;
import dev.veil.tokenizer.vault.InMemoryTokenStore;
import dev.veil.tokenizer.vault.TokenStoreUnavailableException;
import org.junit.jupiter.api.Test;

/** A card token whose key version cannot be recorded is never handed out, nor quietly redacted as if the card did not fit. */
class FpeIndexFailClosedTest {

    @Test
    void theDocumentIsRefusedWhenTheIndexCannotBeWritten() {
        InMemoryTokenStore store = InMemoryTokenStore.of();
        PolicyCompiler compiler = PolicyCompiler.builder().keys(new FixedKeyProvider()).tokenStore(store)
                .random(TestPolicies.seeded(1)).detectors(DetectorRegistry.builder().build()).build();
        CompiledPolicy policy = compiler.compile(compiler.loader().parse("t.yaml", header() + """
                tokens:
                  card: { format: fpe-card }
                fields:
                  - { path: "$.card", action: tokenize, token: card }
                """));
        store.close();

        assertThatThrownBy(() -> ENGINE.apply(policy, null, ENGINE.parse("{\"card\": \"4242 4242 4242 4242\"}".getBytes(UTF_8))))
                .isInstanceOf(TokenStoreUnavailableException.class)
                .hasMessageNotContaining("4242");
    }
}
