package dev.veil.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.gateway.store.pg.PgSchema;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The idempotency contract on PostgreSQL, and a first answer shared by two nodes. */
class PgIdempotencyStoreTest extends IdempotencyStoreContract {

    @RegisterExtension
    static final PgSchema PG = PgSchema.named("idem");

    @Override
    IdempotencyStore store() {
        return PgIdempotencyStore.of(PG.db(), Duration.ofHours(1), clock);
    }

    @Test
    void theFirstAnswerOnOneNodeIsTheAnswerOnAnother() {
        IdempotencyStore a = store();
        IdempotencyStore b = store();
        StoredAnswer first = a.remember("acme", "msg_1", answer("{\"ticket\":\"t_1\"}"));
        assertThat(b.remember("acme", "msg_1", answer("{\"ticket\":\"t_2\"}"))).isEqualTo(first);
        assertThat(b.find("acme", "msg_1")).contains(first);
    }
}
