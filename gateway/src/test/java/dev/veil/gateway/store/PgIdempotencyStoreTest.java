package dev.veil.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.gateway.store.pg.PgDatabase;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The idempotency contract on PostgreSQL, and a first answer shared by two nodes. */
class PgIdempotencyStoreTest extends IdempotencyStoreContract {

    static PgDatabase db;

    @BeforeEach
    void clean() {
        db = PgStores.clean(db, "idem");
    }

    @AfterAll
    static void closeDb() {
        db.close();
        db = null;
    }

    @Override
    IdempotencyStore store() {
        return PgIdempotencyStore.of(db, Duration.ofHours(1), clock);
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
