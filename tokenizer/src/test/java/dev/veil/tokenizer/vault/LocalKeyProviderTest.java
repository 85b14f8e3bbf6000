package dev.veil.tokenizer.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalKeyProviderTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    private final MasterKey master = MasterKey.generate(RANDOM);

    @Test
    void createsTheKeyringOwnerOnlyInANewOwnerOnlyDirectory() throws Exception {
        Path keyring = dir.resolve(".veil/keyring");

        LocalKeyProvider.open(keyring, master, RANDOM).current("acme/vault");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyring))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyring.getParent()))).isEqualTo("rwx------");
        try (var listing = Files.list(keyring.getParent())) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("keyring", "keyring.lock");
        }
    }

    @Test
    void currentCreatesVersionOneOnFirstUseAndKeepsIt() {
        LocalKeyProvider keys = LocalKeyProvider.open(dir.resolve("keyring"), master, RANDOM);

        KeyVersion first = keys.current("acme/vault");

        assertThat(first.version()).isEqualTo(1);
        assertThat(first.key().getEncoded()).hasSize(32);
        assertThat(keys.current("acme/vault").key().getEncoded()).isEqualTo(first.key().getEncoded());
        assertThat(keys.current("acme/fingerprint").key().getEncoded()).isNotEqualTo(first.key().getEncoded());
    }

    @Test
    void rotationAddsAVersionAndKeepsTheOldOnes() {
        LocalKeyProvider keys = LocalKeyProvider.open(dir.resolve("keyring"), master, RANDOM);
        byte[] v1 = keys.current("acme/vault").key().getEncoded();

        KeyVersion v2 = keys.rotate("acme/vault");

        assertThat(v2.version()).isEqualTo(2);
        assertThat(keys.current("acme/vault").version()).isEqualTo(2);
        assertThat(v2.key().getEncoded()).isNotEqualTo(v1);
        assertThat(keys.version("acme/vault", 1).key().getEncoded()).isEqualTo(v1);
        assertThat(keys.version("acme/vault", 2).key().getEncoded()).isEqualTo(v2.key().getEncoded());
    }

    @Test
    void rotatingAnUnknownKeyCreatesVersionOne() {
        LocalKeyProvider keys = LocalKeyProvider.open(dir.resolve("keyring"), master, RANDOM);

        assertThat(keys.rotate("fresh").version()).isEqualTo(1);
    }

    @Test
    void reopenedKeyringHasTheSameKeys() {
        Path keyring = dir.resolve("keyring");
        LocalKeyProvider keys = LocalKeyProvider.open(keyring, master, RANDOM);
        byte[] v1 = keys.current("acme/vault").key().getEncoded();
        byte[] v2 = keys.rotate("acme/vault").key().getEncoded();
        byte[] other = keys.current("globex/vault").key().getEncoded();

        LocalKeyProvider reopened = LocalKeyProvider.open(keyring, master, RANDOM);

        assertThat(reopened.keys()).containsExactly(
                new KeyProvider.KeyInfo("acme/vault", 2), new KeyProvider.KeyInfo("globex/vault", 1));
        assertThat(reopened.version("acme/vault", 1).key().getEncoded()).isEqualTo(v1);
        assertThat(reopened.current("acme/vault").key().getEncoded()).isEqualTo(v2);
        assertThat(reopened.current("globex/vault").key().getEncoded()).isEqualTo(other);
    }

    @Test
    void keysListsIdsSortedWithCurrentVersions() {
        LocalKeyProvider keys = LocalKeyProvider.open(dir.resolve("keyring"), master, RANDOM);
        keys.current("b");
        keys.rotate("a");
        keys.rotate("a");

        assertThat(keys.keys()).containsExactly(new KeyProvider.KeyInfo("a", 2), new KeyProvider.KeyInfo("b", 1));
    }

    @Test
    void keyringHoldsNoKeyMaterialInTheClear() throws Exception {
        Path keyring = dir.resolve("keyring");
        LocalKeyProvider keys = LocalKeyProvider.open(keyring, master, RANDOM);
        byte[] material = keys.current("acme/vault").key().getEncoded();

        String text = Files.readString(keyring);

        assertThat(text).doesNotContain(Base64.getEncoder().encodeToString(material));
        assertThat(TestBytes.contains(Files.readAllBytes(keyring), material)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r--r--", "rw-r-----", "rw-----w-", "rw--w----"})
    void refusesAKeyringThatGroupOrOthersCanReadOrWrite(String permissions) throws Exception {
        Path keyring = dir.resolve("keyring");
        LocalKeyProvider.open(keyring, master, RANDOM).current("acme/vault");
        Files.setPosixFilePermissions(keyring, PosixFilePermissions.fromString(permissions));

        assertThatThrownBy(() -> LocalKeyProvider.open(keyring, master, RANDOM))
                .isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining(keyring.toString())
                .hasMessageContaining("chmod 600 " + keyring);
    }

    @Test
    void wrongMasterKeyFailsClearlyWithoutShowingAnyKey() {
        Path keyring = dir.resolve("keyring");
        byte[] material = LocalKeyProvider.open(keyring, master, RANDOM).current("acme/vault").key().getEncoded();

        assertThatThrownBy(() -> LocalKeyProvider.open(keyring, MasterKey.generate(RANDOM), RANDOM))
                .isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("does not open with this master key")
                .hasMessageContaining(MasterKey.ENV)
                .hasMessageNotContaining(Base64.getEncoder().encodeToString(material));
    }

    @Test
    void wrongMasterKeyIsCaughtEvenBeforeTheFirstKey() {
        Path keyring = dir.resolve("keyring");
        LocalKeyProvider.open(keyring, master, RANDOM);

        assertThatThrownBy(() -> LocalKeyProvider.open(keyring, MasterKey.generate(RANDOM), RANDOM))
                .isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("does not open with this master key");
    }

    @Test
    void alteredKeyFailsAuthentication() throws Exception {
        Path keyring = dir.resolve("keyring");
        LocalKeyProvider.open(keyring, master, RANDOM).current("acme/vault");
        List<String> lines = new ArrayList<>(Files.readAllLines(keyring));
        String[] fields = lines.get(2).split(" ");
        byte[] sealed = Base64.getDecoder().decode(fields[3]);
        sealed[sealed.length / 2] ^= 1;
        lines.set(2, String.join(" ", fields[0], fields[1], fields[2], Base64.getEncoder().encodeToString(sealed)));
        Files.write(keyring, lines);

        assertThatThrownBy(() -> LocalKeyProvider.open(keyring, master, RANDOM))
                .isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("acme/vault v1 fails authentication");
    }

    @Test
    void aKeyMovedToAnotherIdFailsAuthentication() throws Exception {
        Path keyring = dir.resolve("keyring");
        LocalKeyProvider.open(keyring, master, RANDOM).current("acme/vault");
        String text = Files.readString(keyring).replace("key acme/vault 1 ", "key globex/vault 1 ");
        Files.writeString(keyring, text);

        assertThatThrownBy(() -> LocalKeyProvider.open(keyring, master, RANDOM))
                .isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("globex/vault v1 fails authentication");
    }

    @Test
    void malformedKeyringNamesTheLine() throws Exception {
        Path keyring = dir.resolve("keyring");
        LocalKeyProvider.open(keyring, master, RANDOM).current("acme/vault");
        Files.writeString(keyring, "this is not a keyring line\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);

        assertThatThrownBy(() -> LocalKeyProvider.open(keyring, master, RANDOM))
                .isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("line 4: malformed");
    }

    @Test
    void unknownVersionOrKeyIsUnavailable() {
        LocalKeyProvider keys = LocalKeyProvider.open(dir.resolve("keyring"), master, RANDOM);
        keys.current("acme/vault");

        assertThatThrownBy(() -> keys.version("acme/vault", 2))
                .isInstanceOf(KeyUnavailableException.class)
                .hasMessage("key acme/vault has no version 2 (current: 1)");
        assertThatThrownBy(() -> keys.version("nope", 1))
                .isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("key nope does not exist");
        assertThatThrownBy(() -> keys.version("acme/vault", 0)).isInstanceOf(KeyUnavailableException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Acme", "/acme", "acme vault", "acme\nvault", "é"})
    void rejectsMalformedKeyIds(String keyId) {
        LocalKeyProvider keys = LocalKeyProvider.open(dir.resolve("keyring"), master, RANDOM);

        assertThatThrownBy(() -> keys.current(keyId))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("keyId: ");
    }

    @Test
    void createRefusesAnExistingKeyring() {
        Path keyring = dir.resolve("keyring");
        LocalKeyProvider.create(keyring, master, RANDOM).current("acme/vault");

        assertThatThrownBy(() -> LocalKeyProvider.create(keyring, master, RANDOM))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already exists");
        assertThat(LocalKeyProvider.open(keyring, master, RANDOM).keys()).hasSize(1);
    }

    @Test
    void aVanishedKeyringIsNotSilentlyStartedAfresh() throws Exception {
        Path keyring = dir.resolve("keyring");
        LocalKeyProvider keys = LocalKeyProvider.open(keyring, master, RANDOM);
        keys.current("acme/vault");
        Files.delete(keyring);

        assertThatThrownBy(() -> keys.rotate("acme/vault"))
                .isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("has disappeared");
        assertThat(keyring).doesNotExist();
    }

    @Test
    void rotationByAnotherProviderIsNeverLostAndOldVersionsStayVisible() {
        Path keyring = dir.resolve("keyring");
        LocalKeyProvider gateway = LocalKeyProvider.open(keyring, master, RANDOM);
        gateway.current("acme/vault");
        LocalKeyProvider cli = LocalKeyProvider.open(keyring, master, RANDOM);

        byte[] rotated = cli.rotate("acme/vault").key().getEncoded();
        gateway.current("globex/vault"); // a write from the stale provider

        assertThat(gateway.version("acme/vault", 2).key().getEncoded()).isEqualTo(rotated);
        assertThat(LocalKeyProvider.open(keyring, master, RANDOM).keys()).containsExactly(
                new KeyProvider.KeyInfo("acme/vault", 2), new KeyProvider.KeyInfo("globex/vault", 1));
        assertThat(gateway.rotate("acme/vault").version()).isEqualTo(3);
    }

    @Test
    void reloadPicksUpAnotherProvidersRotationAsCurrent() {
        Path keyring = dir.resolve("keyring");
        LocalKeyProvider gateway = LocalKeyProvider.open(keyring, master, RANDOM);
        gateway.current("acme/vault");
        LocalKeyProvider.open(keyring, master, RANDOM).rotate("acme/vault");

        gateway.reload();

        assertThat(gateway.current("acme/vault").version()).isEqualTo(2);
    }

    @Test
    void concurrentFirstUseCreatesOneVersionOnly() throws Exception {
        LocalKeyProvider keys = LocalKeyProvider.open(dir.resolve("keyring"), master, RANDOM);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<KeyVersion>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return keys.current("acme/vault");
                }));
            }
            start.countDown();
            Set<String> distinct = ConcurrentHashMap.newKeySet();
            for (Future<KeyVersion> result : results) {
                KeyVersion version = result.get(10, TimeUnit.SECONDS);
                assertThat(version.version()).isEqualTo(1);
                distinct.add(Base64.getEncoder().encodeToString(version.key().getEncoded()));
            }
            assertThat(distinct).hasSize(1);
            assertThat(keys.keys()).containsExactly(new KeyProvider.KeyInfo("acme/vault", 1));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void toStringShowsNoMaterial() {
        LocalKeyProvider keys = LocalKeyProvider.open(dir.resolve("keyring"), master, RANDOM);
        KeyVersion version = keys.current("acme/vault");

        assertThat(version.toString()).isEqualTo("KeyVersion[acme/vault v1]");
        assertThat(master.toString()).isEqualTo("MasterKey[redacted]");
    }
}
