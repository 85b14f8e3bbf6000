package dev.veil.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MvIdempotencyStoreTest extends IdempotencyStoreContract {

    @TempDir
    Path dir;

    final List<IdempotencyStore> open = new ArrayList<>();

    @Override
    IdempotencyStore store() {
        IdempotencyStore s = MvIdempotencyStore.open(dir.resolve("idempotency.mv.db"), Duration.ofHours(1), clock);
        open.add(s);
        return s;
    }

    @AfterEach
    void close() {
        open.forEach(IdempotencyStore::close);
    }

    @Test
    void answersSurviveARestart() {
        IdempotencyStore s = store();
        StoredAnswer first = answer("{\"ticket\":\"t_1\"}");
        s.remember("acme", "wh_1", first);
        s.close();
        open.clear();
        assertThat(store().find("acme", "wh_1")).contains(first);
    }
}
