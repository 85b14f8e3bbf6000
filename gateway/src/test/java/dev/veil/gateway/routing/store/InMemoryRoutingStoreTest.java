package dev.veil.gateway.routing.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.gateway.routing.MutableClock;
import dev.veil.gateway.routing.RoutingService;
import dev.veil.gateway.routing.model.ExpertProfile;
import dev.veil.gateway.routing.model.TicketAttributes;
import org.junit.jupiter.api.Test;

class InMemoryRoutingStoreTest {

    @Test
    void aServiceReopenedOnTheStoreFindsTheSameState() {
        MutableClock clock = new MutableClock(RoutingWriterMain.START);
        InMemoryRoutingStore store = new InMemoryRoutingStore();
        try (RoutingService routing = RoutingService.open(RoutingWriterMain.config(), store, clock)) {
            routing.upsertExpert(ExpertProfile.builder("ann").certify("acme", RoutingWriterMain.EXPIRY).language("en").build());
            routing.setOnline("ann", true);
            routing.submit(TicketAttributes.builder("t1", "acme").build());
            routing.claim("ann", "t1");
        }
        RoutingService again = RoutingService.open(RoutingWriterMain.config(), store, clock);
        assertThat(again.ticket("t1").orElseThrow().claim().expertId()).isEqualTo("ann");
        assertThat(again.expert("ann").orElseThrow().slotsInUse()).isEqualTo(1);
        assertThat(store.ticketCount()).isEqualTo(1);
    }
}
