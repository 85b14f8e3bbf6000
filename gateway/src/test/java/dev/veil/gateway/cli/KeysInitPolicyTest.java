package dev.veil.gateway.cli;

import static dev.veil.gateway.cli.PolicyCommandTest.example;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code veil keys init --policy}, {@code keys create} and {@code keys upgrade}, and keyring paths that are not files. */
class KeysInitPolicyTest {

    @TempDir
    Path dir;

    private String keyring() {
        return dir.resolve("keyring").toString();
    }

    private String master() {
        return dir.resolve("master.key").toString();
    }

    @Test
    void initWithPoliciesCreatesEveryKeyTheyNeedAndPreviewThenWorks() {
        CliRun init = CliRun.of("", "keys", "init", "--policy", example("examples/policies/acme.yaml"),
                "--policy", example("examples/policies/globex.yaml"), "--keyring", keyring(), "--master-key-file", master());

        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(init.out()).startsWith("created master key file " + master())
                .contains("created keyring " + keyring() + "\n")
                .contains("created acme/card.index\n")
                .contains(example("examples/policies/globex.yaml") + ": every key it needs is in " + keyring());
        List<String> ids = listedIds();
        assertThat(ids).contains("acme/card", "acme/card.index", "acme/contact", "acme/contact-fingerprint", "acme/person");
        assertThat(ids).anyMatch(id -> id.startsWith("globex/"));

        CliRun preview = CliRun.of("", "policy", "preview", "--no-table", "--keyring", keyring(), "--master-key-file", master(),
                "--policy", example("examples/policies/acme.yaml"), example("examples/tickets/zendesk-en.json"));
        assertThat(preview.exitCode()).as(preview.err()).isZero();
    }

    @Test
    void initWithAPolicyOnAnExistingKeyringAddsOnlyMissingKeysAndLeavesRotatedOnesAlone() {
        assertThat(CliRun.of("", "keys", "init", "--keyring", keyring(), "--master-key-file", master()).exitCode()).isZero();
        assertThat(CliRun.of("", "keys", "rotate", "acme/card", "--keyring", keyring(), "--master-key-file", master()).exitCode()).isZero();
        assertThat(CliRun.of("", "keys", "rotate", "acme/card", "--keyring", keyring(), "--master-key-file", master()).exitCode()).isZero();

        CliRun init = CliRun.of("", "keys", "init", "--policy", example("examples/policies/acme.yaml"),
                "--keyring", keyring(), "--master-key-file", master());
        CliRun again = CliRun.of("", "keys", "init", "--policy", example("examples/policies/acme.yaml"),
                "--keyring", keyring(), "--master-key-file", master());

        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(init.out()).contains("acme/card exists (version 2)\n").contains("created acme/person\n")
                .doesNotContain("created keyring");
        assertThat(again.out()).doesNotContain("created acme/");
        assertThat(CliRun.of("", "keys", "list", "--keyring", keyring(), "--master-key-file", master()).out())
                .contains("acme/card\tv2\n").contains("acme/person\tv1\n");
    }

    @Test
    void aBrokenPolicyCreatesNothing() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "policy: x\nbrand: acme\nversion: one\n");

        CliRun init = CliRun.of("", "keys", "init", "--policy", broken.toString(), "--keyring", keyring(), "--master-key-file", master());

        assertThat(init.exitCode()).isEqualTo(1);
        assertThat(init.err()).contains(broken + ": ");
        assertThat(dir.resolve("keyring")).doesNotExist();
        assertThat(dir.resolve("master.key")).doesNotExist();
    }

    @Test
    void createMakesVersionOneOfNewKeysOnly() {
        assertThat(CliRun.of("", "keys", "init", "--keyring", keyring(), "--master-key-file", master()).exitCode()).isZero();
        CliRun first = CliRun.of("", "keys", "create", "acme/a", "acme/b", "--keyring", keyring(), "--master-key-file", master());
        CliRun second = CliRun.of("", "keys", "create", "acme/a", "--keyring", keyring(), "--master-key-file", master());

        assertThat(first.out()).isEqualTo("created acme/a\ncreated acme/b\n");
        assertThat(second.out()).isEqualTo("acme/a exists (version 1)\n");
    }

    @Test
    void aDirectoryGivenAsTheKeyringIsNamedAsSuchWithoutAdvisingChmod600() throws Exception {
        assertThat(CliRun.of("", "keys", "init", "--keyring", keyring(), "--master-key-file", master()).exitCode()).isZero();

        CliRun list = CliRun.of("", "keys", "list", "--keyring", dir.toString(), "--master-key-file", master());
        CliRun preview = CliRun.of("", "policy", "preview", "--keyring", dir.toString(), "--master-key-file", master(),
                "--policy", example("examples/policies/acme.yaml"), example("examples/tickets/zendesk-en.json"));

        assertThat(list.exitCode()).isEqualTo(1);
        assertThat(list.err()).contains("keyring " + dir + " is a directory (expected: a file, for example " + dir.resolve("keyring") + ")")
                .doesNotContain("chmod");
        assertThat(preview.exitCode()).isEqualTo(1);
        assertThat(preview.err()).contains("is a directory").doesNotContain("chmod");
    }

    @Test
    void aFormatOneKeyringIsRefusedUntilUpgraded() throws Exception {
        assertThat(CliRun.of("", "keys", "init", "--keyring", keyring(), "--master-key-file", master()).exitCode()).isZero();
        assertThat(CliRun.of("", "keys", "create", "acme/card", "--keyring", keyring(), "--master-key-file", master()).exitCode()).isZero();
        List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve("keyring")));
        lines.set(0, "veil-keyring 1");
        lines.remove(lines.size() - 1);
        Files.write(dir.resolve("keyring"), lines);

        CliRun refused = CliRun.of("", "keys", "list", "--keyring", keyring(), "--master-key-file", master());
        CliRun upgrade = CliRun.of("", "keys", "upgrade", "--keyring", keyring(), "--master-key-file", master());

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("veil keys upgrade --keyring " + keyring());
        assertThat(upgrade.exitCode()).as(upgrade.err()).isZero();
        assertThat(upgrade.out()).isEqualTo("upgraded keyring " + keyring() + " (1 keys)\n");
        assertThat(listedIds()).containsExactly("acme/card");
    }

    private List<String> listedIds() {
        CliRun list = CliRun.of("", "keys", "list", "--keyring", keyring(), "--master-key-file", master());
        assertThat(list.exitCode()).as(list.err()).isZero();
        return list.out().lines().map(line -> line.substring(0, line.indexOf('\t'))).toList();
    }
}
