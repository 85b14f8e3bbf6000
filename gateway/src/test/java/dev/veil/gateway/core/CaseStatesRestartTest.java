package dev.veil.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.gateway.cli.EphemeralKeyProvider;
import dev.veil.gateway.routing.MutableClock;
import dev.veil.gateway.store.CaseStates;
import dev.veil.gateway.store.EmbeddedStoreFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A single-node gateway keeps the Salesforce latest-state guard in its data directory, across a restart, and prunes it on tick. */
class CaseStatesRestartTest {

    private static final Instant OLDER = Instant.parse("2026-03-02T08:00:00Z");
    private static final Instant NEWER = Instant.parse("2026-03-02T08:05:00Z");

    @Test
    void theLatestStateOfACaseSurvivesARestartOfTheCore(@TempDir Path dir) {
        MutableClock clock = new MutableClock(CoreFixtures.START);
        EphemeralKeyProvider keys = new EphemeralKeyProvider(new SecureRandom());
        CoreFixtures.createKeys(keys);
        Path data = dir.resolve("data");
        try (GatewayCore core = CoreFixtures.core(data, keys, clock).build()) {
            assertThat(core.caseStates().advance("globex", "5003X00002KqLmNQAV", NEWER)).isTrue();
        }
        assertThat(Files.exists(data.resolve(EmbeddedStoreFile.FILE))).as("kept in the one embedded store file").isTrue();
        try (GatewayCore core = CoreFixtures.core(data, keys, clock).build()) {
            assertThat(core.caseStates().advance("globex", "5003X00002KqLmNQAV", OLDER)).as("older than the state taken before the restart").isFalse();
            clock.advance(CaseStates.RETENTION);
            core.tick();
            assertThat(core.caseStates().advance("globex", "5003X00002KqLmNQAV", OLDER)).as("forgotten after the retention").isTrue();
        }
    }
}
