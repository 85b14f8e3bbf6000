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

        LocalKeyProvider.open(keyring, master, RANDOM).createIfAbsent("acme/vault");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyring))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyring.getParent()))).isEqualTo("rwx------");
        try (var listing = Files.list(keyring.getParent())) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("keyring", "keyring.lock");
        }
    }

    @Test
    void createIfAbsentMakesVersionOneAndCurrentReturnsIt() {
        LocalKeyProvider keys = LocalKeyProvider.open(dir.resolve("keyring"), master, RANDOM);

        KeyVersion first = keys.createIfAbsent("acme/vault");

        assertThat(first.version()).isEqualTo(1);
        assertThat(first.key().getEncoded()).hasSize(32);
        assertThat(keys.current("acme/vault").key().getEncoded()).isEqualTo(first.key().getEncoded());
        assertThat(keys.createIfAbsent("acme/fingerprint").key().getEncoded()).isNotEqualTo(first.key().getEncoded());
    }

    @Test
    void rotationAddsAVersionAndKeepsTheOldOnes() {
        LocalKeyProvider keys = LocalKeyProvider.open(dir.resolve("keyring"), master, RANDOM);
        byte[] v1 = keys.createIfAbsent("acme/vault").key().getEncoded();

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
        byte[] v1 = keys.createIfAbsent("acme/vault").key().getEncoded();
        byte[] v2 = keys.rotate("acme/vault").key().getEncoded();
        byte[] other = keys.createIfAbsent("globex/vault").key().getEncoded();

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
        keys.createIfAbsent("b");
        keys.rotate("a");
        keys.rotate("a");

        assertThat(keys.keys()).containsExactly(new KeyProvider.KeyInfo("a", 2), new KeyProvider.KeyInfo("b", 1));
    }

    @Test
    void keyringHoldsNoKeyMaterialInTheClear() throws Exception {
        Path keyring = dir.resolve("keyring");
        LocalKeyProvider keys = LocalKeyProvider.open(keyring, master, RANDOM);
        byte[] material = keys.createIfAbsent("acme/vault").key().getEncoded();

        String text = Files.readString(keyring);

        assertThat(text).doesNotContain(Base64.getEncoder().encodeToString(material));
        assertThat(TestBytes.contains(Files.readAllBytes(keyring), material)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r--r--", "rw-r-----", "rw-----w-", "rw--w----"})
    void refusesAKeyringThatGroupOrOthersCanReadOrWrite(String permissions) throws Exception {
        Path keyring = dir.resolve("keyring");
        LocalKeyProvider.open(keyring, master, RANDOM).createIfAbsent("acme/vault");
        Files.setPosixFilePermissions(keyring, PosixFilePermissions.fromString(permissions));

        assertThatThrownBy(() -> LocalKeyProvider.open(keyring, master, RANDOM))
                .isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining(keyring.toString())
                .hasMessageContaining("chmod 600 " + keyring);
    }

    @Test
    void wrongMasterKeyFailsClearlyWithoutShowingAnyKey() {
        Path keyring = dir.resolve("keyring");
        byte[] material = LocalKeyProvider.open(keyring, master, RANDOM).createIfAbsent("acme/vault").key().getEncoded();

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
        LocalKeyProvider.open(keyring, master, RANDOM).createIfAbsent("acme/vault");
        List<String> lines = new ArrayList<>(Files.readAllLines(keyring));
        String[] fields = lines.get(2).split(" ");
        byte[] sealed = Base64.getDecoder().decode(fields[3]);
        sealed[sealed.length / 2] ^= 1;
        lines.set(2, String.join(" ", fields[0], fields[1], fields[2], Base64.getEncoder().encodeToString(sealed)));
        Files.write(keyring, lines);

        assertThatThrownBy(() -> LocalKeyProvider.open(keyring, master, RANDOM))
                .isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("fails authentication as a whole");
    }

    @Test
    void aKeyMovedToAnotherIdFailsAuthentication() throws Exception {
        Path keyring = dir.resolve("keyring");
        LocalKeyProvider.open(keyring, master, RANDOM).createIfAbsent("acme/vault");
        String text = Files.readString(keyring).replace("key acme/vault 1 ", "key globex/vault 1 ");
        Files.writeString(keyring, text);

        assertThatThrownBy(() -> LocalKeyProvider.open(keyring, master, RANDOM))
                .isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("fails authentication as a whole");
    }

    @Test
    void aLineAppendedAfterTheMacIsRefused() throws Exception {
        Path keyring = dir.resolve("keyring");
        LocalKeyProvider.open(keyring, master, RANDOM).createIfAbsent("acme/vault");
        Files.writeString(keyring, "this is not a keyring line\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);

        assertThatThrownBy(() -> LocalKeyProvider.open(keyring, master, RANDOM))
                .isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("its last line is not its MAC");
    }

    @Test
    void unknownVersionOrKeyIsUnavailable() {
        LocalKeyProvider keys = LocalKeyProvider.open(dir.resolve("keyring"), master, RANDOM);
        keys.createIfAbsent("acme/vault");

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
        LocalKeyProvider.create(keyring, master, RANDOM).createIfAbsent("acme/vault");

        assertThatThrownBy(() -> LocalKeyProvider.create(keyring, master, RANDOM))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already exists");
        assertThat(LocalKeyProvider.open(keyring, master, RANDOM).keys()).hasSize(1);
    }

    @Test
    void aVanishedKeyringIsNotSilentlyStartedAfresh() throws Exception {
        Path keyring = dir.resolve("keyring");
        LocalKeyProvider keys = LocalKeyProvider.open(keyring, master, RANDOM);
        keys.createIfAbsent("acme/vault");
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
        gateway.createIfAbsent("acme/vault");
        LocalKeyProvider cli = LocalKeyProvider.open(keyring, master, RANDOM);

        byte[] rotated = cli.rotate("acme/vault").key().getEncoded();
        gateway.createIfAbsent("globex/vault"); // a write from the stale provider

        assertThat(gateway.version("acme/vault", 2).key().getEncoded()).isEqualTo(rotated);
        assertThat(LocalKeyProvider.open(keyring, master, RANDOM).keys()).containsExactly(
                new KeyProvider.KeyInfo("acme/vault", 2), new KeyProvider.KeyInfo("globex/vault", 1));
        assertThat(gateway.rotate("acme/vault").version()).isEqualTo(3);
    }

    @Test
    void reloadPicksUpAnotherProvidersRotationAsCurrent() {
        Path keyring = dir.resolve("keyring");
        LocalKeyProvider gateway = LocalKeyProvider.open(keyring, master, RANDOM);
        gateway.createIfAbsent("acme/vault");
        LocalKeyProvider.open(keyring, master, RANDOM).rotate("acme/vault");

        gateway.reload();

        assertThat(gateway.current("acme/vault").version()).isEqualTo(2);
    }

    @Test
    void concurrentCreationMakesOneVersionOnly() throws Exception {
        LocalKeyProvider keys = LocalKeyProvider.open(dir.resolve("keyring"), master, RANDOM);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<KeyVersion>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return keys.createIfAbsent("acme/vault");
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
        KeyVersion version = keys.createIfAbsent("acme/vault");

        assertThat(version.toString()).isEqualTo("KeyVersion[acme/vault v1]");
        assertThat(master.toString()).isEqualTo("MasterKey[redacted]");
    }

    @Test
    void aLookupNeverCreatesAKeyAndSaysHowToCreateIt() {
        LocalKeyProvider keys = LocalKeyProvider.open(dir.resolve("keyring"), master, RANDOM);

        assertThatThrownBy(() -> keys.current("acme/card"))
                .isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("key acme/card does not exist")
                .hasMessageContaining("veil keys init --policy");
        assertThat(keys.keys()).isEmpty();
    }

    @Test
    void rollingBackARotationByDeletingTheNewestVersionIsRefused() throws Exception {
        Path keyring = dir.resolve("keyring");
        LocalKeyProvider keys = LocalKeyProvider.open(keyring, master, RANDOM);
        keys.createIfAbsent("acme/card");
        keys.rotate("acme/card");
        List<String> lines = new ArrayList<>(Files.readAllLines(keyring));
        assertThat(lines.removeIf(line -> line.startsWith("key acme/card 2 "))).isTrue();
        Files.write(keyring, lines);

        assertThatThrownBy(() -> LocalKeyProvider.open(keyring, master, RANDOM))
                .isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("fails authentication as a whole");
    }

    @Test
    void deletingAWholeKeyIsRefusedRatherThanAnsweredWithAFreshKey() throws Exception {
        Path keyring = dir.resolve("keyring");
        LocalKeyProvider keys = LocalKeyProvider.open(keyring, master, RANDOM);
        keys.createIfAbsent("acme/card");
        keys.createIfAbsent("acme/phone");
        List<String> lines = new ArrayList<>(Files.readAllLines(keyring));
        assertThat(lines.removeIf(line -> line.startsWith("key acme/phone "))).isTrue();
        Files.write(keyring, lines);

        assertThatThrownBy(() -> LocalKeyProvider.open(keyring, master, RANDOM))
                .isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("fails authentication as a whole");
        assertThatThrownBy(() -> keys.rotate("acme/card"))
                .isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("fails authentication as a whole");
    }

    @Test
    void aMacFromAnotherMasterKeyIsRefused() throws Exception {
        Path keyring = dir.resolve("keyring");
        LocalKeyProvider.open(keyring, master, RANDOM).createIfAbsent("acme/card");
        List<String> lines = new ArrayList<>(Files.readAllLines(keyring));
        byte[] mac = Base64.getDecoder().decode(lines.get(lines.size() - 1).substring("mac ".length()));
        mac[0] ^= 1;
        lines.set(lines.size() - 1, "mac " + Base64.getEncoder().encodeToString(mac));
        Files.write(keyring, lines);

        assertThatThrownBy(() -> LocalKeyProvider.open(keyring, master, RANDOM))
                .isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("fails authentication as a whole");
    }

    @Test
    void anOlderCopyRestoredUnderARunningProviderIsRefused() throws Exception {
        Path keyring = dir.resolve("keyring");
        LocalKeyProvider gateway = LocalKeyProvider.open(keyring, master, RANDOM);
        gateway.createIfAbsent("acme/card");
        byte[] older = Files.readAllBytes(keyring);
        gateway.rotate("acme/card");
        Files.write(keyring, older); // a complete, authentic, but older keyring

        assertThatThrownBy(gateway::reload)
                .isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("lost key acme/card or versions of it");
        assertThatThrownBy(() -> gateway.createIfAbsent("acme/other")).isInstanceOf(KeyUnavailableException.class);
        assertThat(gateway.version("acme/card", 2).version()).isEqualTo(2);
    }

    @Test
    void aFormatOneKeyringIsRefusedUntilUpgradedExplicitly() throws Exception {
        Path keyring = dir.resolve("keyring");
        LocalKeyProvider keys = LocalKeyProvider.open(keyring, master, RANDOM);
        byte[] v1 = keys.createIfAbsent("acme/card").key().getEncoded();
        byte[] v2 = keys.rotate("acme/card").key().getEncoded();
        List<String> lines = new ArrayList<>(Files.readAllLines(keyring));
        lines.set(0, "veil-keyring 1");
        lines.remove(lines.size() - 1); // format 1 had no MAC line
        Files.write(keyring, lines);

        assertThatThrownBy(() -> LocalKeyProvider.open(keyring, master, RANDOM))
                .isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("format 1")
                .hasMessageContaining("veil keys upgrade --keyring");

        LocalKeyProvider upgraded = LocalKeyProvider.upgrade(keyring, master, RANDOM);

        assertThat(Files.readAllLines(keyring).get(0)).isEqualTo("veil-keyring 2");
        assertThat(upgraded.version("acme/card", 1).key().getEncoded()).isEqualTo(v1);
        LocalKeyProvider reopened = LocalKeyProvider.open(keyring, master, RANDOM);
        assertThat(reopened.current("acme/card").key().getEncoded()).isEqualTo(v2);
        assertThatThrownBy(() -> LocalKeyProvider.upgrade(keyring, master, RANDOM))
                .isInstanceOf(KeyUnavailableException.class);
    }
}
