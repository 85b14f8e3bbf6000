package dev.veil.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.gateway.cli.EphemeralKeyProvider;
import dev.veil.gateway.core.CoreFixtures;
import dev.veil.gateway.ops.JsonLog;
import dev.veil.policy.compile.PolicyCompiler;
import dev.veil.policy.compile.ReloadablePolicy;
import dev.veil.tokenizer.detect.DetectorRegistry;
import dev.veil.tokenizer.vault.InMemoryTokenStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyWatcherTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();

    @Test
    void aChangedPolicyFileIsSwappedInAndABrokenOneLeavesThePolicyInForce() throws Exception {
        Path file = dir.resolve("acme.yaml");
        String original = Files.readString(CoreFixtures.examples().resolve("policies/acme.yaml"));
        Files.writeString(file, original);
        ReloadablePolicy policy = ReloadablePolicy.load(compiler(), file);
        PolicyWatcher watcher = PolicyWatcher.of(Map.of("acme", policy),
                JsonLog.to(new PrintStream(logged, true, StandardCharsets.UTF_8), Clock.systemUTC()));
        int before = policy.current().version();

        watcher.check();
        assertThat(policy.current().version()).as("an unchanged file is not reloaded").isEqualTo(before);

        write(file, original.replace("version: " + before, "version: " + (before + 1)), 10);
        watcher.check();
        assertThat(policy.current().version()).isEqualTo(before + 1);
        assertThat(log()).contains("\"event\":\"policy_reloaded\"");

        write(file, original.replace("version: " + before, "version: banana"), 20);
        watcher.check();
        assertThat(policy.current().version()).as("the policy in force stays").isEqualTo(before + 1);
        assertThat(log()).contains("\"event\":\"policy_refused\"").contains("\"problems\":1");
    }

    /** Writes {@code text} with a modification time {@code seconds} ahead, so that a coarse file clock cannot hide the change. */
    private static void write(Path file, String text, int seconds) throws Exception {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(seconds)));
    }

    private String log() {
        return logged.toString(StandardCharsets.UTF_8);
    }

    private static PolicyCompiler compiler() {
        SecureRandom random = new SecureRandom();
        return PolicyCompiler.builder().keys(new EphemeralKeyProvider(random)).tokenStore(InMemoryTokenStore.of())
                .random(random).detectors(DetectorRegistry.defaults()).build();
    }
}
