package dev.veil.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysCommandTest {

    @TempDir
    Path dir;

    @Test
    void initRotateAndListThroughTheCommandLine() throws Exception {
        String keyring = dir.resolve("keyring").toString();
        String master = dir.resolve("master.key").toString();

        CliRun init = CliRun.of("", "keys", "init", "--keyring", keyring, "--master-key-file", master);
        assertThat(init.exitCode()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(master)))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(keyring)))).isEqualTo("rw-------");

        assertThat(CliRun.of("", "keys", "rotate", "acme/card", "--keyring", keyring, "--master-key-file", master).out())
                .contains("acme/card is now at version 1");
        assertThat(CliRun.of("", "keys", "rotate", "acme/card", "--keyring", keyring, "--master-key-file", master).out())
                .contains("acme/card is now at version 2");
        CliRun list = CliRun.of("", "keys", "list", "--keyring", keyring, "--master-key-file", master);
        assertThat(list.out()).isEqualTo("acme/card\tv2\n");
        assertThat(Files.readString(Path.of(keyring))).doesNotContain(Files.readString(Path.of(master)).trim());
    }

    @Test
    void initRefusesToReplaceAKeyringAndListFailsClosedWithoutOne() {
        String keyring = dir.resolve("keyring").toString();
        String master = dir.resolve("master.key").toString();
        assertThat(CliRun.of("", "keys", "init", "--keyring", keyring, "--master-key-file", master).exitCode()).isZero();

        CliRun again = CliRun.of("", "keys", "init", "--keyring", keyring, "--master-key-file", master);
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).startsWith("veil keys init: ").contains(keyring);

        CliRun missing = CliRun.of("", "keys", "list", "--keyring", dir.resolve("nope").toString(), "--master-key-file", master);
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("does not exist (create it with: veil keys init)");
    }

    @Test
    void aWrongMasterKeyIsRefused() {
        String keyring = dir.resolve("keyring").toString();
        assertThat(CliRun.of("", "keys", "init", "--keyring", keyring, "--master-key-file", dir.resolve("m1").toString()).exitCode()).isZero();
        assertThat(CliRun.of("", "keys", "init", "--keyring", dir.resolve("other").toString(), "--master-key-file", dir.resolve("m2").toString()).exitCode()).isZero();

        CliRun wrong = CliRun.of("", "keys", "list", "--keyring", keyring, "--master-key-file", dir.resolve("m2").toString());
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.err()).contains("does not open with this master key");
    }
}
