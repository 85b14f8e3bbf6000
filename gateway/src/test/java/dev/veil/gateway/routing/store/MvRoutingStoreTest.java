package dev.veil.gateway.routing.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.gateway.routing.MutableClock;
import dev.veil.gateway.routing.RoutingService;
import dev.veil.gateway.routing.model.ExpertProfile;
import dev.veil.gateway.routing.model.TicketAttributes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MvRoutingStoreTest {

    private final MutableClock clock = new MutableClock(RoutingWriterMain.START);

    @TempDir
    Path dir;

    @Test
    void createsAnOwnerOnlyFile() throws Exception {
        Path file = dir.resolve("state/routing.mv.db");

        MvRoutingStore.open(file).close();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
    }

    @Test
    void fileStaysBoundedUnderACommitPerOperation() {
        MvRoutingStore store = MvRoutingStore.open(dir.resolve("routing.mv.db"));
        try (RoutingService routing = RoutingService.open(RoutingWriterMain.config(), store, clock)) {
            routing.upsertExpert(ExpertProfile.builder("ann").certify("acme", RoutingWriterMain.EXPIRY).language("en").build());
            routing.setOnline("ann", true);
            for (int i = 0; i < 200; i++) {
                routing.submit(TicketAttributes.builder("t" + i, "acme").require("billing", 1).build());
            }
            long afterLoad = store.fileSize();
            for (int i = 0; i < 1_500; i++) {
                routing.upsertExpert(ExpertProfile.builder("ann").certify("acme", RoutingWriterMain.EXPIRY).language("en")
                        .skill("billing", 1 + i % 5).build());
                if (i % 100 == 0) {
                    routing.tick();
                }
            }
            // 1,500 commits of at least a 4 KB block each would add over 6 MB without reuse.
            assertThat(store.fileSize()).isLessThan(afterLoad + 2_000_000L);
        }
    }
}
