package dev.veil.gateway.routing;

import static dev.veil.gateway.routing.Fixtures.claimMode;
import static dev.veil.gateway.routing.Fixtures.config;
import static dev.veil.gateway.routing.Fixtures.expert;
import static dev.veil.gateway.routing.Fixtures.ids;
import static dev.veil.gateway.routing.Fixtures.online;
import static dev.veil.gateway.routing.Fixtures.ticket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.gateway.routing.model.EventResult;
import dev.veil.gateway.routing.model.Outcome;
import org.junit.jupiter.api.Test;

/** A CRM update refreshes a pooled ticket's attributes: it is filed anew, and a claim on it stays. */
class RefreshTest {

    private final MutableClock clock = new MutableClock(Fixtures.START);
    private final RoutingService routing = Fixtures.service(config("acme", claimMode().build()), clock);

    @Test
    void aRefreshedTicketIsOfferedUnderItsNewAttributes() {
        online(routing, expert("en-only", "acme").build());
        routing.submit(ticket("t1", "acme").language("en").build());
        assertThat(ids(routing.offers("en-only", 10))).containsExactly("t1");

        assertThat(routing.refresh(ticket("t1", "acme").language("es").build())).isEqualTo(EventResult.APPLIED);
        assertThat(routing.offers("en-only", 10)).isEmpty();
        assertThat(routing.ticket("t1").orElseThrow().attributes().language()).isEqualTo("es");

        assertThat(routing.refresh(ticket("t1", "acme").language("en").priority(9).build())).isEqualTo(EventResult.APPLIED);
        assertThat(ids(routing.offers("en-only", 10))).containsExactly("t1");
    }

    @Test
    void aClaimSurvivesARefreshAndResolvedOrUnknownTicketsAreNotRefreshed() {
        online(routing, expert("e1", "acme").build());
        routing.submit(ticket("t1", "acme").build());
        assertThat(routing.claim("e1", "t1").won()).isTrue();
        assertThat(routing.refresh(ticket("t1", "acme").priority(8).build())).isEqualTo(EventResult.APPLIED);
        assertThat(routing.ticket("t1").orElseThrow().claim().expertId()).isEqualTo("e1");
        assertThat(routing.ticket("t1").orElseThrow().attributes().priority()).isEqualTo(8);
        assertThatThrownBy(() -> routing.refresh(ticket("t1", "globex").build())).isInstanceOf(IllegalArgumentException.class);

        routing.resolved("t1", Outcome.ACCEPTED);
        assertThat(routing.refresh(ticket("t1", "acme").build())).isEqualTo(EventResult.IGNORED);
        assertThat(routing.refresh(ticket("t2", "acme").build())).isEqualTo(EventResult.UNKNOWN);
    }
}
