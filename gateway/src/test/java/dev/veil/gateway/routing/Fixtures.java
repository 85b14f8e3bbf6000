package dev.veil.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.gateway.routing.config.RoutingConfig;
import dev.veil.gateway.routing.config.RoutingSettings;
import dev.veil.gateway.routing.model.ExpertProfile;
import dev.veil.gateway.routing.model.Offer;
import dev.veil.gateway.routing.model.TicketAttributes;
import dev.veil.gateway.routing.store.InMemoryRoutingStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Small builders shared by the routing tests. */
final class Fixtures {

    static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    static final Instant NEXT_YEAR = Instant.parse("2027-03-02T09:00:00Z");

    private Fixtures() {
    }

    /** Claim-mode settings with no widening, so tests opt into each behaviour explicitly. */
    static RoutingSettings.Builder claimMode() {
        return RoutingSettings.builder().widening(List.of());
    }

    static RoutingConfig config(String brand, RoutingSettings s) {
        return RoutingConfig.of(Map.of(brand, s));
    }

    /** Where {@link #service} keeps state: memory, unless a suite for another store kind swaps it in. */
    static volatile java.util.function.Supplier<dev.veil.gateway.routing.RoutingStore> stores = InMemoryRoutingStore::new;

    static RoutingService service(RoutingConfig config, MutableClock clock) {
        return RoutingService.open(config, stores.get(), clock);
    }

    /** An online expert certified for the brand until next year, speaking English. */
    static ExpertProfile.Builder expert(String id, String brand) {
        return ExpertProfile.builder(id).certify(brand, NEXT_YEAR).language("en");
    }

    static void online(RoutingService s, ExpertProfile p) {
        s.upsertExpert(p);
        s.setOnline(p.expertId(), true);
    }

    static TicketAttributes.Builder ticket(String id, String brand) {
        return TicketAttributes.builder(id, brand);
    }

    static List<String> ids(List<Offer> offers) {
        return offers.stream().map(Offer::ticketId).toList();
    }

    /** Waits for another node's change feed (asynchronous by design): polls {@code condition}, failing after 10 s. */
    static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("the change feed caught up in time").isLessThan(deadline);
            try {
                Thread.sleep(10); // polling a condition, not ordering a race
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
