package dev.veil.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.gateway.store.pg.EmbeddedPg;
import dev.veil.gateway.store.pg.PgDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit trail in PostgreSQL: one ordered trail for every node; a refused line refuses the action. */
class PgAuditSinkTest {

    @Test
    void linesFromTwoNodesLandInOneOrderedTrail() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
        try (PgDatabase db = EmbeddedPg.freshDatabase("audit")) {
            AuditLog a = AuditLog.of(PgAuditSink.of(db), clock);
            AuditLog b = AuditLog.of(PgAuditSink.of(db), clock);
            a.record(AuditActor.crm("acme"), "detokenize", "acme", null, List.of("t1"), AuditLog.Outcome.ALLOWED);
            b.record(AuditActor.crm("acme"), "detokenize", "acme", null, List.of("t2"), AuditLog.Outcome.DENIED);
            List<String> lines = PgAuditSink.of(db).tail(10);
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).contains("\"t1\"").contains("allowed");
            assertThat(lines.get(1)).contains("\"t2\"").contains("denied");
            db.close(); // the database goes away: the audited action must be refused
            assertThatThrownBy(() -> a.record(AuditActor.crm("acme"), "detokenize", "acme", null, List.of("t3"), AuditLog.Outcome.ALLOWED))
                    .isInstanceOf(AuditUnavailableException.class);
        }
    }
}
