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
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
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
        Path file = write(policy(1));
        ReloadablePolicy policy = ReloadablePolicy.load(compiler, file);
        AtomicBoolean done = new AtomicBoolean();
        List<Throwable> failures = new ArrayList<>();
        CountDownLatch started = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            started.countDown();
            int last = 0;
            while (!done.get()) {
                CompiledPolicy current = policy.current();
                // versions only move forward and every policy seen is complete
                if (current.version() < last || current.plan(null).rules().size() != 1) {
                    synchronized (failures) {
                        failures.add(new AssertionError("saw v" + current.version() + " after v" + last));
                    }
                }
                last = current.version();
            }
        });
        reader.start();
        started.await();
        for (int version = 2; version <= 20; version++) {
            write(version % 3 == 0 ? "broken: [" : policy(version));
            policy.reload();
        }
        done.set(true);
        reader.join();
        assertThat(failures).isEmpty();
        assertThat(policy.current().version()).isEqualTo(20);
    }
}
