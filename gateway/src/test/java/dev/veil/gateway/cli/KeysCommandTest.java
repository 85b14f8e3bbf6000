package dev.veil.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.tokenizer.vault.LocalKeyProvider;
import dev.veil.tokenizer.vault.MasterKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
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
        assertNoKeyInClear(Path.of(keyring), Path.of(master), "acme/card", 2);
    }

    /**
     * The master key and every version of {@code keyId} appear in the keyring in no form: not as raw
     * bytes, Base64 or hex in the file, nor as raw bytes inside any Base64 field of it.
     */
    private static void assertNoKeyInClear(Path keyring, Path masterFile, String keyId, int versions) throws Exception {
        byte[] master = Base64.getDecoder().decode(Files.readString(masterFile).strip());
        assertThat(master).hasSize(32);
        List<byte[]> secrets = new ArrayList<>(List.of(master));
        LocalKeyProvider keys = LocalKeyProvider.open(keyring, MasterKey.fromFile(masterFile), new SecureRandom());
        for (int version = 1; version <= versions; version++) {
            secrets.add(keys.version(keyId, version).key().getEncoded());
        }
        assertThat(secrets.get(1)).isNotEqualTo(secrets.get(versions));

        byte[] file = Files.readAllBytes(keyring);
        String text = new String(file, StandardCharsets.UTF_8);
        List<byte[]> decodedFields = new ArrayList<>();
        for (String field : text.split("\\s+")) {
            try {
                decodedFields.add(Base64.getDecoder().decode(field));
            } catch (IllegalArgumentException notBase64) {
                // ids, versions and labels
            }
        }
        assertThat(decodedFields).as("sealed entries").hasSizeGreaterThan(versions);
        for (byte[] secret : secrets) {
            assertThat(indexOf(file, secret)).isNegative();
            assertThat(text).doesNotContain(Base64.getEncoder().encodeToString(secret))
                    .doesNotContainIgnoringCase(HexFormat.of().formatHex(secret));
            for (byte[] decoded : decodedFields) {
                assertThat(indexOf(decoded, secret)).isNegative();
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
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
