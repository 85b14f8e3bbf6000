package dev.veil.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.gateway.routing.model.TicketRecord;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A pooled ticket keeps its enqueue time as an {@link Instant}'s fields and shares its store
 * expectation while open: both must read back exactly as they were given.
 */
class RoutedTicketTest {

    private static final Instant ENQUEUED = Instant.parse("2026-12-02T03:04:05.123456789Z");

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-02T03:04:05.123456789Z", "2026-12-02T03:04:05Z", "1969-12-31T23:59:59.987654321Z"})
    void theEnqueueTimeReadsBackToTheNanosecond(String time) {
        Instant enqueued = Instant.parse(time); // before 1970 too: the milliseconds are negative there
        RoutedTicket t = new RoutedTicket(Fixtures.ticket("t-1", "acme").build(), 7, enqueued);

        assertThat(t.enqueuedAt()).isEqualTo(enqueued);
        assertThat(t.enqueuedMillis).isEqualTo(enqueued.toEpochMilli());
        assertThat(t.record().enqueuedAt()).isEqualTo(enqueued);
        assertThat(RoutedTicket.restore(t.record()).enqueuedAt()).isEqualTo(enqueued);
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
