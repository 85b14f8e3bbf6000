package dev.veil.tokenizer.vault.hashicorp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.tokenizer.vault.KeyUnavailableException;
import dev.veil.tokenizer.vault.KeyVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Login, renewal, retries, the circuit breaker and failure kinds, through the real driver against {@link FakeVault}. */
class VaultClientTest {

    private final FakeVault vault = FakeVault.start();
    private final List<VaultFailure> failures = new CopyOnWriteArrayList<>();
    private final List<VaultClient> opened = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        opened.forEach(VaultClient::close);
        vault.close();
    }

    private VaultClient client(VaultSettings settings, Clock clock) {
        VaultClient client = VaultClient.open(settings, clock, failures::add);
        opened.add(client);
        return client;
    }

    private static final VaultAuth APPROLE = new VaultAuth.AppRole("approle", FakeVault.ROLE_ID, FakeVault.SECRET_ID);

    @Test
    void appRoleLogsInOnceAndLogsInAgainAfterA403FromAnExpiredToken() {
        VaultKeyProvider keys = VaultKeyProvider.transit(client(vault.settings(APPROLE).cache(Duration.ZERO, 0).build(), Clock.systemUTC()), Clock.systemUTC());
        keys.createIfAbsent("acme/card");
        keys.current("acme/card");
        assertThat(vault.calls("auth/approle/login")).isEqualTo(1);

        vault.expireLoginTokens();
        KeyVersion again = keys.current("acme/card");

        assertThat(again.version()).isEqualTo(1);
        assertThat(vault.calls("auth/approle/login")).isEqualTo(2);
        assertThat(failures).isEmpty();
    }

    @Test
    void aWrongSecretIdIsRefusedNotRetriedForever() {
        VaultClient client = client(vault.settings(new VaultAuth.AppRole("approle", FakeVault.ROLE_ID, "wrong")).build(), Clock.systemUTC());

        assertThatThrownBy(() -> client.read("secret/data/veil/keys/x", "read_key"))
                .isInstanceOfSatisfying(VaultUnavailableException.class, e -> assertThat(e.kind()).isEqualTo(VaultFailure.PERMISSION_DENIED));
        assertThat(vault.calls("auth/approle/login")).isEqualTo(2); // once, and once more as after a 403; never in a loop
        assertThat(failures).containsExactly(VaultFailure.PERMISSION_DENIED);
    }

    @Test
    void kubernetesLoginReadsTheServiceAccountToken() throws Exception {
        Path jwt = dir.resolve("token");
        Files.writeString(jwt, "eyJhbGciOiJSUzI1NiJ9.e30.c2ln\n");
        VaultClient client = client(vault.settings(new VaultAuth.Kubernetes("kubernetes", FakeVault.K8S_ROLE, jwt)).build(), Clock.systemUTC());

        assertThat(client.read("secret/data/veil/keys/none", "read_key")).isEmpty();
        assertThat(vault.calls("auth/kubernetes/login")).isEqualTo(1);
        assertThat(vault.wireMock().getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals("/v1/auth/kubernetes/login"))
                .map(e -> e.getRequest().getBodyAsString()).findFirst().orElseThrow())
                .contains("\"jwt\":\"eyJhbGciOiJSUzI1NiJ9.e30.c2ln\"").contains("\"role\":\"veil\"");
    }

    @Test
    void renewsTheTokenOnceTwoThirdsOfItsTtlHavePassed() {
        MutableClock clock = new MutableClock();
        vault.loginTtl(60);
        VaultClient client = client(vault.settings(APPROLE).build(), clock);

        client.read("secret/data/veil/x", "read");
        clock.advance(Duration.ofSeconds(30));
        client.read("secret/data/veil/x", "read");
        assertThat(vault.calls("auth/token/renew-self")).isZero();

        clock.advance(Duration.ofSeconds(11)); // 41 s of 60: due
        client.read("secret/data/veil/x", "read");
        assertThat(vault.calls("auth/token/renew-self")).isEqualTo(1);
        assertThat(vault.calls("auth/approle/login")).isEqualTo(1);
    }

    @Test
    void retriesAPassingFailureWithBackoffAndCountsItByKind() {
        VaultClient client = client(vault.settings(new VaultAuth.Token(FakeVault.ROOT_TOKEN)).maxRetries(3).build(), Clock.systemUTC());
        client.read("secret/data/warm", "read"); // lookup-self done
        vault.nextFaults(FakeVault.FaultKind.SERVER_ERROR, FakeVault.FaultKind.RATE_LIMITED, FakeVault.FaultKind.CONNECTION_RESET);

        // a POST, since the JDK's HTTP client itself repeats an idempotent GET once after a reset
        client.write("secret/data/veil/x", new io.github.jopenlibs.vault.json.JsonObject()
                .add("data", new io.github.jopenlibs.vault.json.JsonObject().add("a", "b")), "write");

        assertThat(vault.kvPaths("secret")).contains("veil/x");
        assertThat(failures).containsExactly(VaultFailure.SERVER_ERROR, VaultFailure.RATE_LIMITED, VaultFailure.UNREACHABLE);
    }

    @Test
    void sealedAndSlowVaultsFailClosedWithTheirKind() {
        VaultClient client = client(vault.settings(new VaultAuth.Token(FakeVault.ROOT_TOKEN)).maxRetries(0)
                .timeout(Duration.ofMillis(200)).build(), Clock.systemUTC());
        client.read("secret/data/warm", "read");

        vault.sealed(true);
        assertThatThrownBy(() -> client.read("secret/data/veil/x", "read_key"))
                .isInstanceOfSatisfying(VaultUnavailableException.class, e -> {
                    assertThat(e.kind()).isEqualTo(VaultFailure.SEALED);
                    assertThat(e.code()).isEqualTo("vault_unavailable");
                    assertThat(e.detail()).isEqualTo("vault: read_key failed (sealed)").doesNotContain("secret/");
                });
        vault.healthy();
        vault.randomFaults(1.0, 7, java.util.EnumSet.of(FakeVault.FaultKind.DELAY), 2_000); // a test-sized stand-in for a 10 s stall
        assertThatThrownBy(() -> client.read("secret/data/veil/x", "read_key"))
                .isInstanceOfSatisfying(VaultUnavailableException.class, e -> assertThat(e.kind()).isEqualTo(VaultFailure.TIMEOUT));
        vault.healthy();
        vault.nextFaults(FakeVault.FaultKind.FORBIDDEN);
        assertThatThrownBy(() -> client.read("secret/data/veil/x", "read_key"))
                .isInstanceOfSatisfying(VaultUnavailableException.class, e -> assertThat(e.kind()).isEqualTo(VaultFailure.PERMISSION_DENIED));
    }

    @Test
    void theBreakerOpensAfterRepeatedFailuresRefusesWithoutCallingThenHalfOpensToProbe() {
        MutableClock clock = new MutableClock();
        VaultClient client = client(vault.settings(new VaultAuth.Token(FakeVault.ROOT_TOKEN)).maxRetries(0)
                .breaker(3, Duration.ofSeconds(10)).build(), clock);
        client.read("secret/data/warm", "read");
        vault.sealed(true);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> client.read("secret/data/x", "read")).isInstanceOf(VaultUnavailableException.class);
        }
        assertThat(client.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);
        long before = vault.calls("secret/");

        assertThatThrownBy(() -> client.read("secret/data/x", "read"))
                .isInstanceOfSatisfying(VaultUnavailableException.class, e -> {
                    assertThat(e.kind()).isEqualTo(VaultFailure.CIRCUIT_OPEN);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(10));
                });
        assertThat(vault.calls("secret/")).isEqualTo(before);

        clock.advance(Duration.ofSeconds(10));
        assertThat(client.breakerState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThatThrownBy(() -> client.read("secret/data/x", "read")).isInstanceOf(VaultUnavailableException.class); // the probe fails
        assertThat(client.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);

        vault.healthy();
        clock.advance(Duration.ofSeconds(10));
        assertThat(client.read("secret/data/x", "read")).isEmpty(); // the probe passes
        assertThat(client.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
        client.checkHealth();
    }

    @Test
    void retiredVersionsRefuseToDecryptWithAClearError() {
        VaultKeyProvider keys = VaultKeyProvider.transit(client(vault.settings(new VaultAuth.Token(FakeVault.ROOT_TOKEN)).build(), Clock.systemUTC()), Clock.systemUTC());
        keys.createIfAbsent("acme/vault");
        keys.rotate("acme/vault");
        keys.rotate("acme/vault");

        keys.retire("acme/vault", 3);

        assertThatThrownBy(() -> keys.version("acme/vault", 1)).isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("retired").hasMessageContaining("minimum decryption version 3");
        assertThat(keys.version("acme/vault", 3).version()).isEqualTo(3);
        assertThat(vault.transitVersion(VaultKeyProvider.transitKeyName("veil", "acme/vault"))).isEqualTo(3);
        assertThat(keys.minDecryptionVersion("acme/vault")).isEqualTo(3);
    }

    @Test
    void transitVersionsFollowTheTransitKeyAndKeysAreWrappedNotStoredInTheClear() {
        VaultKeyProvider keys = VaultKeyProvider.transit(client(vault.settings(new VaultAuth.Token(FakeVault.ROOT_TOKEN)).build(), Clock.systemUTC()), Clock.systemUTC());
        KeyVersion v1 = keys.createIfAbsent("acme/card_x");
        KeyVersion v2 = keys.rotate("acme/card_x");

        assertThat(vault.transitVersion("veil-acme_scard_ux")).isEqualTo(2);
        assertThat(v2.version()).isEqualTo(2);
        String record = vault.wireMock().getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals("/v1/secret/data/veil/keys/acme/card_x") && e.getRequest().getMethod().getName().equals("POST"))
                .map(e -> e.getRequest().getBodyAsString()).reduce("", String::concat);
        assertThat(record).contains("vault:v1:").contains("vault:v2:")
                .doesNotContain(java.util.Base64.getEncoder().encodeToString(v1.key().getEncoded()))
                .doesNotContain(java.util.Base64.getEncoder().encodeToString(v2.key().getEncoded()));
    }

    @Test
    void theDataKeyCacheSavesTransitCallsWithinItsTtlAndForgetsAfter() {
        MutableClock clock = new MutableClock();
        VaultKeyProvider keys = VaultKeyProvider.transit(client(vault.settings(new VaultAuth.Token(FakeVault.ROOT_TOKEN))
                .cache(Duration.ofMinutes(1), 10).build(), clock), clock);
        keys.createIfAbsent("acme/vault");
        long decrypts = vault.calls("transit/decrypt/");
        for (int i = 0; i < 50; i++) {
            keys.current("acme/vault");
        }
        assertThat(vault.calls("transit/decrypt/")).isEqualTo(decrypts);

        clock.advance(Duration.ofMinutes(1));
        keys.current("acme/vault");
        assertThat(vault.calls("transit/decrypt/")).isEqualTo(decrypts + 1);
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        synchronized void advance(Duration d) {
            now = now.plus(d);
        }

        @Override public synchronized Instant instant() { return now; }
        @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
    }
}
