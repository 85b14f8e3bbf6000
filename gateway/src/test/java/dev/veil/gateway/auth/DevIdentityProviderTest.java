package dev.veil.gateway.auth;

import static dev.veil.gateway.auth.StandardWebhooksTest.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import dev.veil.gateway.routing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevIdentityProviderTest {

    @TempDir
    Path data;

    private final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");

    @Test
    void createsAnOwnerOnlyKeyAndAPublicOnlyJwks() throws IOException {
        DevIdentityProvider idp = DevIdentityProvider.openOrCreate(data, clock);
        assertEquals(data.resolve("dev-idp").resolve("key.jwk"), idp.keyFile());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(idp.keyFile())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(idp.keyFile().getParent())));
        assertTrue(Files.readString(idp.keyFile()).contains("\"d\""));
        String jwks = idp.jwksJson();
        assertTrue(jwks.contains(idp.keyId()));
        assertFalse(jwks.contains("\"d\""), "the JWKS must hold no private part");
        try (var files = Files.list(idp.keyFile().getParent())) {
            assertEquals(List.of(idp.keyFile()), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void mintsTokensItsVerifierAccepts() throws Exception {
        DevIdentityProvider idp = DevIdentityProvider.openOrCreate(data, clock);
        String token = idp.mint("exp-1", Set.of("veil:expert"), Duration.ofMinutes(10));
        VerifiedToken verified = idp.verifier().verify(token);
        assertEquals("exp-1", verified.subject());
        assertEquals(Set.of("veil:expert"), verified.scopes());
        SignedJWT jwt = SignedJWT.parse(token);
        assertEquals("veil-dev", jwt.getJWTClaimsSet().getIssuer());
        assertEquals(List.of("veil"), jwt.getJWTClaimsSet().getAudience());
        assertEquals("ES256", jwt.getHeader().getAlgorithm().getName());
        assertEquals(idp.keyId(), jwt.getHeader().getKeyID());
        clock.advance(Duration.ofMinutes(12));
        assertCode(AuthException.INVALID_TOKEN, () -> idp.verifier().verify(token));
    }

    @Test
    void laterRunsReuseTheKey() {
        DevIdentityProvider first = DevIdentityProvider.openOrCreate(data, clock);
        DevIdentityProvider second = DevIdentityProvider.openOrCreate(data, clock);
        assertEquals(first.keyId(), second.keyId());
        assertEquals("exp-1", first.verifier().verify(second.mint("exp-1", Set.of(), Duration.ofMinutes(1))).subject());
    }

    @Test
    void aTokenMintedByAnotherProcessIsAccepted() throws Exception {
        DevIdentityProvider server = DevIdentityProvider.openOrCreate(data, Clock.systemUTC());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                DevTokenMain.class.getName(), data.toString(), "exp-7").redirectErrorStream(true).start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, child.exitValue(), out);
        assertEquals("exp-7", server.verifier().verify(out).subject());
    }

    @Test
    void concurrentFirstRunsAgreeOnOneKey() throws Exception {
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<String>> kids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                kids.add(pool.submit(() -> {
                    go.await();
                    return DevIdentityProvider.openOrCreate(data, clock).keyId();
                }));
            }
            go.countDown();
            Set<String> distinct = new HashSet<>();
            for (Future<String> kid : kids) {
                distinct.add(kid.get(60, TimeUnit.SECONDS));
            }
            assertEquals(1, distinct.size());
            assertEquals(distinct.iterator().next(), DevIdentityProvider.openOrCreate(data, clock).keyId());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anotherDataDirsTokensAreRefused(@TempDir Path other) {
        DevIdentityProvider mine = DevIdentityProvider.openOrCreate(data, clock);
        DevIdentityProvider theirs = DevIdentityProvider.openOrCreate(other, clock);
        assertNotEquals(mine.keyId(), theirs.keyId());
        assertCode(AuthException.INVALID_TOKEN, () -> mine.verifier().verify(theirs.mint("exp-1", Set.of(), Duration.ofMinutes(1))));
    }

    @Test
    void refusesAKeyFileOthersCanRead() throws IOException {
        DevIdentityProvider idp = DevIdentityProvider.openOrCreate(data, clock);
        Files.setPosixFilePermissions(idp.keyFile(), PosixFilePermissions.fromString("rw-r--r--"));
        AuthException e = assertCode(AuthException.BAD_KEY, () -> DevIdentityProvider.openOrCreate(data, clock));
        assertTrue(e.detail().contains("chmod 600"));
    }

    @Test
    void refusesACorruptOrPublicOnlyKeyFile() throws IOException {
        DevIdentityProvider idp = DevIdentityProvider.openOrCreate(data, clock);
        Files.writeString(idp.keyFile(), "{\"kty\":");
        assertCode(AuthException.BAD_KEY, () -> DevIdentityProvider.openOrCreate(data, clock));
        Files.writeString(idp.keyFile(), idp.publicKeys().getKeys().get(0).toJSONString());
        assertCode(AuthException.BAD_KEY, () -> DevIdentityProvider.openOrCreate(data, clock));
    }

    @Test
    void mintChecksItsArguments() {
        DevIdentityProvider idp = DevIdentityProvider.openOrCreate(data, clock);
        assertThrows(IllegalArgumentException.class, () -> idp.mint("", Set.of(), Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> idp.mint("exp\n1", Set.of(), Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> idp.mint("exp-1", Set.of("has space"), Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> idp.mint("exp-1", Set.of(), Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> idp.mint("exp-1", Set.of(), Duration.ofDays(31)));
    }
}
