package dev.veil.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.gateway.cli.EphemeralKeyProvider;
import dev.veil.gateway.core.CoreFixtures;
import dev.veil.gateway.routing.MutableClock;
import dev.veil.gateway.routing.RoutingService;
import dev.veil.gateway.routing.model.TicketAttributes;
import dev.veil.gateway.routing.store.MvRoutingStore;
import dev.veil.tokenizer.vault.DurableMvStore;
import dev.veil.tokenizer.vault.MvStoreTokenStore;
import dev.veil.tokenizer.vault.StoredToken;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one embedded store file, and the migration of a data directory laid out one file per store. */
class EmbeddedStoreFileTest {

    private static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");

    @TempDir
    Path dir;

    private final EphemeralKeyProvider keys = new EphemeralKeyProvider(new SecureRandom());
    private final StoreCipher cipher = StoreCipher.of(keys, new SecureRandom());
    private final Clock clock = Clock.fixed(AT, java.time.ZoneOffset.UTC);

    @Test
    void aNewDirectoryGetsOneFileHoldingEveryStore() throws Exception {
        try (DurableMvStore file = EmbeddedStoreFile.open(dir)) {
            MvTicketStore.of(file, cipher).put(TicketStoreContract.ticket("t_1", "48213", 1, "{\"v\":1}"));
            MvIdempotencyStore.of(file, Duration.ofHours(1), clock).remember("acme", "wh_1", answer("t_1"));
        }
        assertThat(names()).containsExactly(EmbeddedStoreFile.FILE);
        try (DurableMvStore file = EmbeddedStoreFile.open(dir)) {
            assertThat(MvTicketStore.of(file, cipher).find("acme", "48213")).contains("t_1");
            assertThat(MvIdempotencyStore.of(file, Duration.ofHours(1), clock).find("acme", "wh_1")).isPresent();
        }
    }

    @Test
    void theOlderLayoutIsMigratedOnceAndItsFilesKeptAsBackups() throws Exception {
        writeOldLayout();

        try (DurableMvStore file = EmbeddedStoreFile.open(dir)) {
            assertHoldsTheOldData(file);
        }
        assertThat(names()).containsExactlyInAnyOrder(EmbeddedStoreFile.FILE, "tokens.mv.db.migrated", "tickets.mv.db.migrated",
                "routing.mv.db.migrated", "outbox.mv.db.migrated", "idempotency.mv.db.migrated");
        try (DurableMvStore file = EmbeddedStoreFile.open(dir)) { // the backups are not read again
            assertHoldsTheOldData(file);
        }
    }

    @Test
    void aMigrationACrashInterruptedIsMadeAgainFromTheOldFilesUnderEitherName() throws Exception {
        writeOldLayout();
        // the state after a crash between renaming the first old file and putting the new one in place
        Files.move(dir.resolve("tokens.mv.db"), dir.resolve("tokens.mv.db.migrated"));
        Files.write(dir.resolve(EmbeddedStoreFile.FILE + ".migrating"), new byte[] {1, 2, 3});

        try (DurableMvStore file = EmbeddedStoreFile.open(dir)) {
            assertHoldsTheOldData(file);
        }
        assertThat(names()).contains(EmbeddedStoreFile.FILE).doesNotContain(EmbeddedStoreFile.FILE + ".migrating", "tokens.mv.db");
    }

    @Test
    void anOldFileNextToTheNewOneIsRefusedByName() throws Exception {
        EmbeddedStoreFile.open(dir).close();
        try (MvIdempotencyStore old = MvIdempotencyStore.open(dir.resolve("idempotency.mv.db"), Duration.ofHours(1), clock)) {
            old.remember("acme", "wh_1", answer("t_1"));
        }
        assertThatThrownBy(() -> EmbeddedStoreFile.open(dir)).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining(dir.resolve("idempotency.mv.db").toString()).hasMessageContaining("move it out of the data directory");
    }

    @Test
    void anOldFileInUseStopsTheMigrationAndLeavesTheOldLayoutAsItWas() throws Exception {
        writeOldLayout();
        try (MvTicketStore running = MvTicketStore.open(dir.resolve("tickets.mv.db"), cipher)) {
            assertThatThrownBy(() -> EmbeddedStoreFile.open(dir)).isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("tickets.mv.db").hasMessageContaining("in use");
        }
        assertThat(names()).contains("tokens.mv.db", "tickets.mv.db", "routing.mv.db").doesNotContain(EmbeddedStoreFile.FILE);
        try (DurableMvStore file = EmbeddedStoreFile.open(dir)) {
            assertHoldsTheOldData(file);
        }
    }

    /** One entry in each store of the one-file-per-store layout, written the way those stores wrote them. */
    private void writeOldLayout() {
        try (MvStoreTokenStore tokens = MvStoreTokenStore.open(dir.resolve("tokens.mv.db"))) {
            tokens.put(new StoredToken("ctc_0123456789abcdefghijkl", "acme/contact", "acme/contact", 1, new byte[] {9, 8, 7}));
            tokens.recordKeyVersion(new byte[] {1, 2}, 3);
        }
        try (MvTicketStore tickets = MvTicketStore.open(dir.resolve("tickets.mv.db"), cipher)) {
            tickets.put(TicketStoreContract.ticket("t_1", "48213", 1, "{\"v\":1}"));
        }
        MvRoutingStore routingStore = MvRoutingStore.open(dir.resolve("routing.mv.db"));
        try (RoutingService routing = RoutingService.open(CoreFixtures.routing(), routingStore, new MutableClock(CoreFixtures.START))) {
            routing.upsertExpert(CoreFixtures.expert("ann", 2));
            routing.submit(TicketAttributes.builder("t_1", "acme").build());
        }
        try (MvOutbox outbox = MvOutbox.open(dir.resolve("outbox.mv.db"), cipher, RetryPolicy.defaults(), clock, new SecureRandom())) {
            outbox.enqueue("m_1", "acme", "{\"reply\":1}".getBytes(StandardCharsets.UTF_8));
        }
        try (MvIdempotencyStore answers = MvIdempotencyStore.open(dir.resolve("idempotency.mv.db"), Duration.ofHours(1), clock)) {
            answers.remember("acme", "wh_1", answer("t_1"));
        }
    }

    private void assertHoldsTheOldData(DurableMvStore file) {
        MvStoreTokenStore tokens = MvStoreTokenStore.of(file);
        assertThat(tokens.get("ctc_0123456789abcdefghijkl")).hasValueSatisfying(t -> assertThat(t.ciphertext()).containsExactly(9, 8, 7));
        assertThat(tokens.keyVersions(new byte[] {1, 2})).containsExactly(3);
        assertThat(MvTicketStore.of(file, cipher).get("t_1")).hasValueSatisfying(t -> assertThat(t.crmTicketId()).isEqualTo("48213"));
        try (RoutingService routing = RoutingService.open(CoreFixtures.routing(), MvRoutingStore.of(file),
                new MutableClock(CoreFixtures.START))) {
            assertThat(routing.ticket("t_1")).isPresent();
        }
        assertThat(MvOutbox.of(file, cipher, RetryPolicy.defaults(), clock, new SecureRandom()).get("m_1")).isPresent();
        assertThat(MvIdempotencyStore.of(file, Duration.ofHours(1), clock).find("acme", "wh_1"))
                .hasValueSatisfying(a -> assertThat(new String(a.body(), StandardCharsets.UTF_8)).isEqualTo("t_1"));
    }

    private static StoredAnswer answer(String ticket) {
        return new StoredAnswer(202, ticket.getBytes(StandardCharsets.UTF_8), AT);
    }

    private java.util.List<String> names() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }
}
