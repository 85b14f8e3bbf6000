package dev.veil.policy.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.policy.RepoFiles;
import dev.veil.policy.TestPolicies;
import dev.veil.policy.model.PolicySpec;
import dev.veil.tokenizer.detect.DetectorRegistry;
import dev.veil.tokenizer.vault.InMemoryTokenStore;
import dev.veil.tokenizer.vault.KeyUnavailableException;
import dev.veil.tokenizer.vault.LocalKeyProvider;
import dev.veil.tokenizer.vault.MasterKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys a policy needs are exactly the keys its tokens use: with them, every example ticket sanitizes. */
class PolicyKeysTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    @Test
    void namesEveryKeyOfTheAcmeExamplePolicy() {
        PolicySpec spec = parse(RepoFiles.path("examples/policies/acme.yaml"));

        assertThat(PolicyKeys.required(spec)).containsExactly(
                "acme/card", "acme/card.index", "acme/contact", "acme/contact-fingerprint", "acme/person");
    }

    @Test
    void addsThePseudonymKeyOnlyWhenARuleUsesIt() {
        PolicySpec without = TestPolicies.compiler(DetectorRegistry.builder().build()).loader().parse("t.yaml",
                TestPolicies.header() + "fields:\n  - path: $.a\n    action: keep\n");
        PolicySpec with = TestPolicies.compiler(DetectorRegistry.builder().build()).loader().parse("t.yaml",
                TestPolicies.header() + "fields:\n  - path: $.a\n    action: pseudonymize\n");

        assertThat(PolicyKeys.required(without)).isEmpty();
        assertThat(PolicyKeys.required(with)).containsExactly("acme/pseudonym");
    }

    @Test
    void withExactlyTheRequiredKeysEveryExampleTicketSanitizesAndWithOneLessItFailsClosed() throws Exception {
        for (Path policyFile : RepoFiles.examplePolicies()) {
            PolicySpec spec = parse(policyFile);
            LocalKeyProvider keys = LocalKeyProvider.open(dir.resolve(spec.brand() + "/keyring"), MasterKey.generate(RANDOM), RANDOM);
            PolicyKeys.required(spec).forEach(keys::createIfAbsent);
            CompiledPolicy policy = compiler(keys).compile(spec);
            for (Path ticket : RepoFiles.exampleTickets()) {
                TestPolicies.ENGINE.apply(policy, null, Files.readAllBytes(ticket));
            }
            assertThat(keys.keys()).hasSize(PolicyKeys.required(spec).size());
        }
        PolicySpec acme = parse(RepoFiles.path("examples/policies/acme.yaml"));
        LocalKeyProvider partial = LocalKeyProvider.open(dir.resolve("partial/keyring"), MasterKey.generate(RANDOM), RANDOM);
        PolicyKeys.required(acme).stream().filter(id -> !id.equals("acme/card.index")).forEach(partial::createIfAbsent);
        CompiledPolicy policy = compiler(partial).compile(acme);
        byte[] ticket = Files.readAllBytes(RepoFiles.path("examples/tickets/zendesk-en.json"));

        assertThatThrownBy(() -> TestPolicies.ENGINE.apply(policy, null, ticket))
                .isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("acme/card.index");
    }

    private static PolicySpec parse(Path file) {
        return TestPolicies.compiler(DetectorRegistry.defaults()).loader().load(file);
    }

    private static PolicyCompiler compiler(LocalKeyProvider keys) {
        return PolicyCompiler.builder().keys(keys).tokenStore(InMemoryTokenStore.of()).random(RANDOM)
                .detectors(DetectorRegistry.defaults()).build();
    }
}
