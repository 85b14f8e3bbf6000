package dev.veil.policy.compile;

import static dev.veil.policy.TestPolicies.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.policy.TestPolicies;
import dev.veil.policy.load.PolicyException;
import dev.veil.tokenizer.detect.DetectorRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadablePolicyTest {

    @TempDir
    Path dir;

    private final PolicyCompiler compiler = TestPolicies.compiler(DetectorRegistry.builder().build());

    private Path write(String body) throws IOException {
        return Files.writeString(dir.resolve("acme.yaml"), body);
    }

    private static String policy(int version) {
        return header().replace("version: 1", "version: " + version) + "fields:\n  - { path: \"$.id\", action: keep }\n";
    }

    @Test
    void aFirstLoadThatFailsThrowsEveryProblem() throws IOException {
        Path file = write(header() + "fields: [ { path: \"$.id\", action: kep } ]\n");
        assertThatThrownBy(() -> ReloadablePolicy.load(compiler, file))
                .isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.problems()).hasSize(1));
    }

    @Test
    void reloadSwapsInTheNewVersion() throws IOException {
        Path file = write(policy(1));
        ReloadablePolicy policy = ReloadablePolicy.load(compiler, file);
        CompiledPolicy first = policy.current();
        write(policy(2));
        ReloadablePolicy.ReloadResult result = policy.reload();
        assertThat(result.applied()).isTrue();
        assertThat(result.problems()).isEmpty();
        assertThat(policy.current().version()).isEqualTo(2);
        assertThat(policy.current()).isSameAs(result.inForce()).isNotSameAs(first);
    }

    @Test
    void aBrokenFileLeavesThePreviousVersionInForceAndSaysWhy() throws IOException {
        Path file = write(policy(1));
        ReloadablePolicy policy = ReloadablePolicy.load(compiler, file);
        CompiledPolicy first = policy.current();
        write(policy(2).replace("action: keep", "action: kepp") + "feilds: []\n");
        ReloadablePolicy.ReloadResult result = policy.reload();
        assertThat(result.applied()).isFalse();
        assertThat(result.inForce()).isSameAs(first);
        assertThat(policy.current()).isSameAs(first);
        assertThat(result.problems()).extracting(p -> p.keyPath()).containsExactly("fields[0].action", "feilds");
        Files.delete(file);
        assertThat(policy.reload().problems()).singleElement().satisfies(p -> assertThat(p.message()).isEqualTo("no such file"));
        assertThat(policy.current()).isSameAs(first);
    }

    @Test
    void aFileForAnotherBrandIsNotSwappedIn() throws IOException {
        Path file = write(policy(1));
        ReloadablePolicy policy = ReloadablePolicy.load(compiler, file);
        write(policy(2).replace("brand: acme", "brand: globex"));
        ReloadablePolicy.ReloadResult result = policy.reload();
        assertThat(result.applied()).isFalse();
        assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .isEqualTo("brand globex (expected: acme, the brand this file was first loaded for)"));
        assertThat(policy.current().brand()).isEqualTo("acme");
    }

    @Test
    void readersAlwaysSeeOneWholePolicyWhileReloadsHappen() throws Exception {
        Path file = write(policyNaming(1));
        ReloadablePolicy policy = ReloadablePolicy.load(compiler, file);
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger lastSeen = new AtomicInteger(1);
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<Integer> versionsSeen = Collections.synchronizedList(new ArrayList<>(List.of(1)));
        Thread reader = new Thread(() -> {
            int last = 1;
            while (!done.get()) {
                CompiledPolicy current = policy.current();
                int version = current.version();
                // each version's only rule names its own version: a policy read half old, half new fails here
                String source = current.plan(null).rules().get(0).selector().text();
                if (!source.equals("$.v" + version)) {
                    failures.add("v" + version + " with the rule of " + source);
                }
                if (version != last) {
                    versionsSeen.add(version);
                    last = version;
                    lastSeen.set(version);
                }
            }
        });
        reader.start();
        List<Integer> applied = new ArrayList<>(List.of(1));
        try {
            for (int version = 2; version <= 20; version++) {
                write(version % 3 == 0 ? "broken: [" : policyNaming(version));
                if (policy.reload().applied()) {
                    applied.add(version);
                }
                // the reader sees each version in force before the next reload, so it reads across every swap
                int inForce = applied.get(applied.size() - 1);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (lastSeen.get() != inForce && reader.isAlive() && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                assertThat(lastSeen.get()).as("reader saw v" + inForce).isEqualTo(inForce);
            }
        } finally {
            done.set(true);
            reader.join();
        }
        assertThat(failures).isEmpty();
        assertThat(applied).containsExactly(1, 2, 4, 5, 7, 8, 10, 11, 13, 14, 16, 17, 19, 20);
        assertThat(versionsSeen).isEqualTo(applied);
        assertThat(policy.current().version()).isEqualTo(20);
    }

    private static String policyNaming(int version) {
        return header().replace("version: 1", "version: " + version)
                + "fields:\n  - { path: \"$.v" + version + "\", action: keep }\n";
    }
}
