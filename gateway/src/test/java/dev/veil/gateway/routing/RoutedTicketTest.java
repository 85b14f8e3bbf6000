package dev.veil.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.gateway.routing.model.TicketRecord;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A pooled ticket keeps its enqueue time as an {@link Instant}'s fields and shares its store
 * expectation while open: both must read back exactly as they were given.
 */
class RoutedTicketTest {

    private static final Instant ENQUEUED = Instant.parse("2026-12-02T03:04:05.123456789Z");

    @Test
    void theEnqueueTimeReadsBackToTheNanosecond() {
        RoutedTicket t = new RoutedTicket(Fixtures.ticket("t-1", "acme").build(), 7, ENQUEUED);

        assertThat(t.enqueuedAt()).isEqualTo(ENQUEUED);
        assertThat(t.enqueuedMillis).isEqualTo(ENQUEUED.toEpochMilli());
        assertThat(t.record().enqueuedAt()).isEqualTo(ENQUEUED);
        assertThat(RoutedTicket.restore(t.record()).enqueuedAt()).isEqualTo(ENQUEUED);
    }

    @Test
    void aNewTicketExpectsNothingStoredAndAStoredOpenOneItsOpenState() {
        RoutedTicket t = new RoutedTicket(Fixtures.ticket("t-1", "acme").build(), 7, ENQUEUED);
        assertThat(t.basis()).isEqualTo(new StoreBatch.Expectation(false, null, null));

        t.markStored();
        assertThat(t.basis()).isEqualTo(new StoreBatch.Expectation(true, null, null));

        RoutedTicket restored = RoutedTicket.restore(new TicketRecord(t.attrs, 7, ENQUEUED, null, null, Map.of()));
        assertThat(restored.basis()).isEqualTo(new StoreBatch.Expectation(true, null, null));
    }
}
