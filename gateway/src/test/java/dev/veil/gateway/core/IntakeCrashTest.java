package dev.veil.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.tokenizer.testing.ChildJvm;
import dev.veil.tokenizer.vault.LocalKeyProvider;
import dev.veil.tokenizer.vault.MasterKey;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SIGKILLs a process right after tickets were accepted: each accepted ticket is stored, readable and routed after a restart. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class IntakeCrashTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    @Test
    void everyAcceptedTicketSurvivesAKillWithItsViewsAndRoutingState() throws Exception {
        Path keyring = dir.resolve("keyring");
        Path master = dir.resolve("master.key");
        MasterKey.generate(RANDOM).writeTo(master);
        // keys are created explicitly before the gateway runs, never on first use
        CoreFixtures.createKeys(LocalKeyProvider.open(keyring, MasterKey.fromFile(master), RANDOM));
        Path data = dir.resolve("data");
        List<String[]> accepted = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            try (ChildJvm writer = start(keyring, master, data, 80_000L + round * 10_000L)) {
                accepted.addAll(split(writer.readLines(15)));
                accepted.addAll(split(writer.killAndDrain()));
            }
        }
        LocalKeyProvider keys = LocalKeyProvider.open(keyring, MasterKey.fromFile(master), RANDOM);
        try (GatewayCore core = CoreFixtures.core(data, keys, Clock.systemUTC()).build()) {
            for (String[] line : accepted) {
                assertThat(core.tickets().find("acme", line[1])).as("CRM ticket %s", line[1]).contains(line[0]);
                assertThat(core.tickets().get(line[0]).orElseThrow().views()).containsKeys("", "senior");
                assertThat(core.routing().ticket(line[0])).as("routing state of %s", line[0]).isPresent();
            }
        }
        assertThat(accepted).hasSizeGreaterThanOrEqualTo(30);
        assertThat(CoreFixtures.leaksInFiles(data)).isEmpty();
    }

    private ChildJvm start(Path keyring, Path master, Path data, long first) throws IOException {
        return ChildJvm.start(IntakeWriterMain.class, dir.resolve("writer-" + first + ".err"), keyring.toString(),
                master.toString(), data.toString(), Long.toString(first));
    }

    private static List<String[]> split(List<String> lines) {
        return lines.stream().map(line -> line.split(" ")).toList();
    }
}
