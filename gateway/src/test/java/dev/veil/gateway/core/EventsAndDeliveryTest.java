package dev.veil.gateway.core;

import static dev.veil.gateway.core.CoreFixtures.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.veil.gateway.cli.EphemeralKeyProvider;
import dev.veil.gateway.intake.IntakeResult;
import dev.veil.gateway.intake.OutboxDeliverer;
import dev.veil.gateway.intake.ReplyTransport.Delivery;
import dev.veil.gateway.routing.model.EventResult;
import dev.veil.gateway.routing.MutableClock;
import dev.veil.gateway.routing.model.Outcome;
import dev.veil.gateway.store.OutboxMessage;
import dev.veil.gateway.store.RetryPolicy;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CRM events by Veil id or CRM id, and the deliverer's handling of each transport outcome. */
class EventsAndDeliveryTest {

    private final MutableClock clock = new MutableClock(START);

    private GatewayCore core() {
        GatewayCore core = CoreFixtures.core(null, new EphemeralKeyProvider(new SecureRandom()), clock)
                .retry(new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(4), 3, Duration.ofSeconds(30))).build();
        core.routing().upsertExpert(CoreFixtures.expert("exp-1", 1));
        core.routing().setOnline("exp-1", true);
        return core;
    }

    @Test
    void eventsNameTicketsByVeilIdOrCrmIdOfTheSameBrandOnly() {
        try (GatewayCore core = core()) {
            IntakeResult t = core.intake().submit("initech", CoreFixtures.ticket("freshdesk-en"));
            core.experts().claim("exp-1", t.ticketId());
            assertThat(core.events().qa("initech", "1042", 95)).isEqualTo(EventResult.APPLIED);
            assertThat(catchThrowableOfType(() -> core.events().csat("initech", "1042", 101, false), GatewayException.class).code())
                    .isEqualTo("invalid_event");
            assertThat(catchThrowableOfType(() -> core.events().resolved("acme", t.ticketId(), Outcome.ACCEPTED), GatewayException.class).code())
                    .isEqualTo("unknown_ticket");
            assertThat(catchThrowableOfType(() -> core.events().resolved("initech", "9999", Outcome.ACCEPTED), GatewayException.class).code())
                    .isEqualTo("unknown_ticket");
            assertThat(core.events().resolved("initech", "1042", Outcome.ACCEPTED)).isEqualTo(EventResult.APPLIED);
            assertThat(core.experts().me("exp-1").earningsMinor()).containsEntry("USD", 500L);
            assertThat(core.events().reopened("initech", t.ticketId())).isEqualTo(EventResult.APPLIED);
            assertThat(core.experts().me("exp-1").earningsMinor()).containsEntry("USD", 0L);
            assertThat(core.experts().offers("exp-1", 10)).hasSize(1);
            assertThat(core.events().closed("initech", "1042")).isEqualTo(EventResult.APPLIED);
            assertThat(core.experts().offers("exp-1", 10)).isEmpty();
        }
    }

    @Test
    void deliveredLeavesRetryBacksOffPermanentAndExhaustedDeadLetterAndRedriveKeepsTheId() {
        try (GatewayCore core = core()) {
            core.outbox().enqueue("msg_a", "acme", new byte[] {'{', '}'});
            core.outbox().enqueue("msg_b", "acme", new byte[] {'{', '}'});
            Deque<Delivery> answers = new ArrayDeque<>(List.of(Delivery.permanent("http_400"), Delivery.retry("http_503")));
            List<String> sent = new ArrayList<>();
            OutboxDeliverer d = core.deliverer(m -> {
                sent.add(m.id());
                if (answers.isEmpty()) {
                    throw new IllegalStateException("connection refused");
                }
                return answers.poll();
            }, 10);
            OutboxDeliverer.Round first = d.runOnce();
            assertThat(first.deadLettered()).isEqualTo(1);
            assertThat(first.retried()).isEqualTo(1);
            for (int i = 0; i < 3; i++) {
                clock.advance(Duration.ofSeconds(5));
                d.runOnce();
            }
            assertThat(core.outbox().deadLetters(10)).extracting(OutboxMessage::id).containsExactly("msg_a", "msg_b");
            assertThat(core.outbox().get("msg_b").orElseThrow().lastError()).isEqualTo("transport_error");
            assertThat(core.outbox().redrive("msg_b")).isTrue();
            OutboxDeliverer ok = core.deliverer(m -> {
                sent.add(m.id());
                return Delivery.delivered();
            }, 10);
            assertThat(ok.runOnce().delivered()).isEqualTo(1);
            assertThat(sent).containsExactly("msg_a", "msg_b", "msg_b", "msg_b", "msg_b");
            assertThat(core.outbox().depth()).isEqualTo(new dev.veil.gateway.store.Outbox.Depth(0, 1));
        }
    }
}
