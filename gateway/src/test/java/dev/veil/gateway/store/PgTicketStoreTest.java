package dev.veil.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.gateway.cli.EphemeralKeyProvider;
import dev.veil.gateway.store.pg.PgSchema;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ticket store contract on PostgreSQL, and what only the SQL store promises. */
class PgTicketStoreTest extends TicketStoreContract {

    @RegisterExtension
    static final PgSchema PG = PgSchema.named("tickets");
    final EphemeralKeyProvider keys = new EphemeralKeyProvider(new SecureRandom());

    @Override
    TicketStore store() {
        return PgTicketStore.of(PG.db(), StoreCipher.of(keys, new SecureRandom()));
    }

    @Test
    void viewsAreSealedInTheDatabaseAndReadBackByAnotherNode() {
        TicketStore a = store();
        StoredTicket t = ticket("t_9", "48213", 1, "{\"card\":\"4111111111111111\"}");
        a.put(t);
        byte[] row = PG.db().read("test", c -> {
            try (ResultSet r = c.createStatement().executeQuery("SELECT record FROM tickets WHERE id = 't_9'")) {
                r.next();
                return r.getBytes(1);
            }
        });
        assertThat(new String(row, StandardCharsets.ISO_8859_1)).doesNotContain("4111111111111111").contains("48213");
        TicketStore b = store(); // another node: same database, same keys
        assertThat(b.get("t_9")).contains(t);
        assertThat(b.find("acme", "48213")).contains("t_9");
    }

    @Test
    void aSecondNodeCannotWriteTheSameVersionTwice() {
        TicketStore a = store();
        TicketStore b = store();
        a.put(ticket("t_1", "1", 1, "{}"));
        a.put(ticket("t_1", "1", 2, "{}"));
        assertThatThrownBy(() -> b.put(ticket("t_1", "1", 2, "{\"late\":1}"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("t_1");
        assertThat(b.get("t_1").orElseThrow().version()).isEqualTo(2);
    }
}
