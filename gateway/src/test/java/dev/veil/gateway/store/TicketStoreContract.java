package dev.veil.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.policy.engine.TokenRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link TicketStore} does; subclasses supply the store. */
abstract class TicketStoreContract {

    static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");

    abstract TicketStore store();

    static StoredTicket ticket(String id, String crm, long version, String baseJson) {
        TicketView base = new TicketView(StoredTicket.BASE_VIEW, baseJson,
                List.of(new TokenRecord("$.requester.email", "contact", 0, TokenRecord.ValueKind.STRING)));
        TicketView senior = new TicketView("senior", "{\"senior\":" + version + "}", List.of());
        return new StoredTicket(id, "acme", crm, version, (int) version, 7, AT.plusSeconds(version), Map.of("", base, "senior", senior));
    }

    @Test
    void aStoredTicketIsFoundByIdAndByCrmId() {
        TicketStore s = store();
        StoredTicket t = ticket("t_1", "48213", 1, "{\"a\":1}");
        s.put(t);
        assertThat(s.get("t_1")).contains(t);
        assertThat(s.find("acme", "48213")).contains("t_1");
        assertThat(s.find("globex", "48213")).isEmpty();
        assertThat(s.get("t_2")).isEmpty();
    }

    @Test
    void theHeadOfACrmTicketGivesItsIdVersionAndCommentCount() {
        TicketStore s = store();
        assertThat(s.head("acme", "48213")).isEmpty();
        StoredTicket v1 = ticket("t_1", "48213", 1, "{\"a\":1}");
        s.put(v1);
        StoredTicket v2 = ticket("t_1", "48213", 2, "{\"a\":2}");
        s.put(v2);

        assertThat(s.head("acme", "48213")).contains(new TicketStore.Head("t_1", 2, v2.commentCount()));
        assertThat(s.head("acme", "other")).isEmpty();
        assertThat(s.head("globex", "48213")).isEmpty();
    }

    @Test
    void anUpdateKeepsTheIdAndReplacesTheViews() {
        TicketStore s = store();
        s.put(ticket("t_1", "48213", 1, "{\"a\":1}"));
        StoredTicket v2 = ticket("t_1", "48213", 2, "{\"a\":2}");
        s.put(v2);
        assertThat(s.get("t_1")).contains(v2);
        assertThat(s.get("t_1").orElseThrow().view("senior").json()).isEqualTo("{\"senior\":2}");
        assertThat(s.get("t_1").orElseThrow().view("no-such-tier").name()).isEqualTo(StoredTicket.BASE_VIEW);
    }

    @Test
    void versionsMustFollowAndCrmIdsBelongToOneTicket() {
        TicketStore s = store();
        assertThatThrownBy(() -> s.put(ticket("t_1", "48213", 2, "{}"))).isInstanceOf(IllegalArgumentException.class);
        s.put(ticket("t_1", "48213", 1, "{}"));
        assertThatThrownBy(() -> s.put(ticket("t_1", "48213", 1, "{}"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.put(ticket("t_1", "48213", 3, "{}"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.put(ticket("t_2", "48213", 1, "{}"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.put(ticket("t_1", "other", 2, "{}"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(s.get("t_1").orElseThrow().version()).isEqualTo(1);
        assertThat(s.get("t_2")).isEmpty();
    }
}
