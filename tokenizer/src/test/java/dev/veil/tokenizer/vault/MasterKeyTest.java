package dev.veil.tokenizer.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MasterKeyTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    @Test
    void missingEnvironmentVariableFailsClosedAndSaysHowToProvideOne() {
        assertThatThrownBy(() -> MasterKey.fromEnvironment(Map.of()))
                .isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("no master key")
                .hasMessageContaining("VEIL_MASTER_KEY")
                .hasMessageContaining("--master-key-file");
        assertThatThrownBy(() -> MasterKey.fromEnvironment(Map.of("VEIL_MASTER_KEY", "  ")))
                .isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("no master key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"c2VjcmV0LXNob3J0", "not*base64*at*all!secret"})
    void malformedEnvironmentValueIsRefusedWithoutEchoingIt(String value) {
        assertThatThrownBy(() -> MasterKey.fromEnvironment(Map.of("VEIL_MASTER_KEY", value)))
                .isInstanceOf(KeyUnavailableException.class)
                .hasMessageStartingWith("VEIL_MASTER_KEY: ")
                .hasMessageContaining("expected: the base64 of 32 bytes")
                .hasMessageNotContaining(value)
                .hasMessageNotContaining("secret")
                .hasNoCause();
    }

    @Test
    void environmentAndFileGiveTheSameKeyForTheSameBytes() throws Exception {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String encoded = Base64.getEncoder().encodeToString(raw);
        Path file = dir.resolve("master.key");
        MasterKey.fromEnvironment(Map.of("VEIL_MASTER_KEY", encoded)).writeTo(file);

        assertThat(Files.readString(file).strip()).isEqualTo(encoded);
        Path keyring = dir.resolve("keyring");
        byte[] material = LocalKeyProvider.open(keyring, MasterKey.fromFile(file), RANDOM).createIfAbsent("k").key().getEncoded();
        assertThat(LocalKeyProvider.open(keyring, MasterKey.load(null, Map.of("VEIL_MASTER_KEY", encoded + "\n")), RANDOM)
                .current("k").key().getEncoded()).isEqualTo(material);
    }

    @Test
    void writeToCreatesAnOwnerOnlyFileAndNeverReplacesOne() throws Exception {
        Path file = dir.resolve("secrets/master.key");
        MasterKey.generate(RANDOM).writeTo(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String before = Files.readString(file);
        assertThatThrownBy(() -> MasterKey.generate(RANDOM).writeTo(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already exists");
        assertThat(Files.readString(file)).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r--r--", "rw-rw----", "rw----r--"})
    void refusesAMasterKeyFileThatGroupOrOthersCanRead(String permissions) throws Exception {
        Path file = dir.resolve("master.key");
        MasterKey.generate(RANDOM).writeTo(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));

        assertThatThrownBy(() -> MasterKey.fromFile(file))
                .isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("master key file " + file)
                .hasMessageContaining("chmod 600 " + file);
    }

    @Test
    void missingOrMalformedFileIsRefusedWithoutShowingItsContent() throws Exception {
        Path missing = dir.resolve("missing.key");
        assertThatThrownBy(() -> MasterKey.fromFile(missing))
                .isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("does not exist");

        Path file = dir.resolve("bad.key");
        Files.writeString(file, "c2VjcmV0LXNob3J0\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> MasterKey.fromFile(file))
                .isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("12 bytes (expected: the base64 of 32 bytes)")
                .hasMessageNotContaining("c2VjcmV0LXNob3J0");
    }

    @Test
    void loadPrefersTheFile() {
        Path file = dir.resolve("master.key");
        MasterKey.generate(RANDOM).writeTo(file);

        assertThat(MasterKey.load(file, Map.of())).isNotNull();
        assertThatThrownBy(() -> MasterKey.load(null, Map.of())).isInstanceOf(KeyUnavailableException.class);
    }
}
