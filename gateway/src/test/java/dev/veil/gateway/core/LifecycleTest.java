package dev.veil.gateway.core;

import static dev.veil.gateway.core.CoreFixtures.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.gateway.cli.EphemeralKeyProvider;
import dev.veil.gateway.expert.ExpertSummary;
import dev.veil.gateway.expert.ExpertTicket;
import dev.veil.gateway.expert.ReplyReceipt;
import dev.veil.gateway.intake.IntakeResult;
import dev.veil.gateway.intake.OutboxDeliverer;
import dev.veil.gateway.intake.ReplyTransport;
import dev.veil.gateway.routing.model.EventResult;
import dev.veil.gateway.routing.MutableClock;
import dev.veil.gateway.routing.model.Offer;
import dev.veil.gateway.routing.model.Outcome;
import dev.veil.gateway.store.OutboxMessage;
import dev.veil.gateway.store.StoredTicket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The whole lifecycle of each example ticket through the core, on the embedded stores, with no seeded PII anywhere an expert or the disk could see. */
class LifecycleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"zendesk-en", "zendesk-es", "salesforce-en", "salesforce-es", "freshdesk-en", "freshdesk-es"})
    void aTicketGoesInIsClaimedReadRepliedToAndPaidWithoutLeaking(String example) throws Exception {
        String brand = CoreFixtures.TICKET_BRANDS.get(example);
        MutableClock clock = new MutableClock(START);
        List<OutboxMessage> crm = new ArrayList<>();
        try (GatewayCore core = CoreFixtures.core(dir.resolve("data"), new EphemeralKeyProvider(new SecureRandom()), clock).build()) {
            core.routing().upsertExpert(CoreFixtures.expert("exp-1", 2));
            core.routing().setOnline("exp-1", true);
            core.routing().upsertExpert(CoreFixtures.expert("exp-2", 2));
            core.routing().setOnline("exp-2", true);

            IntakeResult in = core.intake().submit(brand, CoreFixtures.ticket(example));
            assertThat(in.created()).isTrue();
            assertThat(in.ticketId()).startsWith("t_");
            assertThat(in.version()).isEqualTo(1);

            List<Offer> offers = core.experts().offers("exp-1", 10);
            assertThat(offers).extracting(Offer::ticketId).containsExactly(in.ticketId());

            core.experts().claim("exp-1", in.ticketId());
            assertThatThrownBy(() -> core.experts().claim("exp-2", in.ticketId()))
                    .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.code()).isEqualTo("claim_conflict"));
            assertThatThrownBy(() -> core.experts().view("exp-2", in.ticketId()))
                    .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.code()).isEqualTo("not_claimant"));

            ExpertTicket view = core.experts().view("exp-1", in.ticketId());
            String shown = view.document().toString();
            assertThat(CoreFixtures.leaks(shown)).as("seeded PII in the expert's view").isEmpty();
            assertThat(view.view()).isEqualTo(StoredTicket.BASE_VIEW);
            if (brand.equals("acme")) {
                // the senior view keeps the requester's name: the data-directory check below proves it is sealed on disk
                String senior = core.tickets().get(in.ticketId()).orElseThrow().views().get("senior").json();
                assertThat(CoreFixtures.leaks(senior)).isNotEmpty();
            }

            // the expert pastes a phone number of their own and quotes any vaulted token they were shown
            String quoted = firstVaultedToken(shown);
            ReplyReceipt receipt = core.experts().reply("exp-1", in.ticketId(),
                    "Hello, call our desk on +1 415 555 0199." + (quoted == null ? "" : " Ref " + quoted));
            assertThat(receipt.replaced()).containsKey("PHONE");

            OutboxDeliverer deliverer = core.deliverer(m -> {
                crm.add(m);
                return ReplyTransport.Delivery.delivered();
            }, 10);
            assertThat(deliverer.runOnce().delivered()).isEqualTo(1);
            assertThat(core.outbox().depth().pending()).isZero();
            JsonNode payload = JSON.readTree(crm.get(0).payload());
            assertThat(crm.get(0).id()).isEqualTo(receipt.messageId()).isEqualTo(payload.get("message_id").textValue());
            assertThat(payload.get("ticket").textValue()).isEqualTo(in.ticketId());
            assertThat(payload.get("body").textValue()).doesNotContain("555 0199").startsWith("Hello, call our desk on");
            if (quoted != null && receipt.tokensRevealed() > 0) {
                assertThat(payload.get("body").textValue()).doesNotContain(quoted);
            }

            assertThat(core.events().csat(brand, in.ticketId(), 90, false)).isEqualTo(EventResult.APPLIED);
            assertThat(core.events().resolved(brand, in.ticketId(), Outcome.ACCEPTED)).isEqualTo(EventResult.APPLIED);
            assertThat(core.events().resolved(brand, in.ticketId(), Outcome.ACCEPTED)).isEqualTo(EventResult.IGNORED);
            ExpertSummary me = core.experts().me("exp-1");
            assertThat(me.earningsMinor()).containsEntry("USD", 500L);
            assertThat(me.holding()).isZero();
            assertThat(me.counters().claims()).isEqualTo(1);
        }
        assertThat(CoreFixtures.leaksInFiles(dir.resolve("data"))).as("seeded PII in the data directory").isEmpty();
    }

    private static String firstVaultedToken(String text) {
        var m = java.util.regex.Pattern.compile("(?<![0-9A-Za-z_])[a-z]{2,8}_[0-9A-Za-z]{22}(?![0-9A-Za-z])").matcher(text);
        return m.find() ? m.group() : null;
    }
}
