package dev.veil.gateway.core;

import static dev.veil.gateway.core.CoreFixtures.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.gateway.intake.IntakeResult;
import dev.veil.gateway.routing.MutableClock;
import dev.veil.gateway.store.StoreUnavailableException;
import dev.veil.policy.engine.InvalidDocumentException;
import dev.veil.policy.engine.LimitExceededException;
import dev.veil.tokenizer.error.VeilException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Intake: updates keep the Veil id and reach the claimant; refusals are whole, fail closed and leak nothing. */
class IntakeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(START);
    private final SwitchableKeys keys = new SwitchableKeys();
    private final List<VeilException> failures = new ArrayList<>();
    private GatewayCore core;

    @BeforeEach
    void start() {
        core = CoreFixtures.core(dir.resolve("data"), keys, clock).build();
        core.routing().upsertExpert(CoreFixtures.expert("exp-1", 2));
        core.routing().setOnline("exp-1", true);
    }

    @AfterEach
    void stop() throws Exception {
        core.close();
        for (VeilException e : failures) {
            assertThat(CoreFixtures.leaks(e.getMessage())).as("seeded PII in a failure message").isEmpty();
        }
        assertThat(CoreFixtures.leaksInFiles(dir.resolve("data"))).isEmpty();
    }

    private <T extends VeilException> T refused(Class<T> type, Runnable call) {
        T e = catchThrowableOfType(call::run, type);
        assertThat(e).as("a refusal").isNotNull();
        failures.add(e);
        return e;
    }

    private static ObjectNode zendesk() throws Exception {
        return (ObjectNode) JSON.readTree(CoreFixtures.ticket("zendesk-en"));
    }

    private static byte[] bytes(JsonNode node) throws Exception {
        return JSON.writeValueAsBytes(node);
    }

    @Test
    void theSameCrmTicketAgainIsAnUpdateTheClaimantSees() throws Exception {
        IntakeResult first = core.intake().submit("acme", CoreFixtures.ticket("zendesk-en"));
        core.experts().claim("exp-1", first.ticketId());
        int comments = core.experts().view("exp-1", first.ticketId()).document().at("/ticket/comments").size();

        ObjectNode updated = zendesk();
        ArrayNode list = (ArrayNode) updated.at("/ticket/comments");
        list.addObject().put("author_id", 9912345).put("public", true).put("created_at", "2025-03-18T10:00:00Z")
                .put("body", "Also my new email is dana.w.new@example.org, and it is urgent now.");
        ((ObjectNode) updated.get("ticket")).put("priority", "urgent");
        IntakeResult second = core.intake().submit("acme", bytes(updated));

        assertThat(second.ticketId()).isEqualTo(first.ticketId());
        assertThat(second.created()).isFalse();
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.newComments()).isEqualTo(1);
        JsonNode seen = core.experts().view("exp-1", first.ticketId()).document();
        assertThat(seen.at("/ticket/comments")).hasSize(comments + 1);
        assertThat(seen.toString()).contains("urgent now").doesNotContain("dana.w.new@example.org");
        assertThat(core.experts().view("exp-1", first.ticketId()).version()).isEqualTo(2);
        assertThat(core.routing().ticket(first.ticketId()).orElseThrow().attributes().priority()).isEqualTo(9);
    }

    @Test
    void aTicketThatNoLongerValidatesIsRefusedWholeAndTheStoredVersionStays() throws Exception {
        IntakeResult first = core.intake().submit("acme", CoreFixtures.ticket("zendesk-en"));
        ObjectNode broken = zendesk();
        ((ObjectNode) broken.get("ticket")).put("priority", "whenever Dana Whitfield likes");
        GatewayException e = refused(GatewayException.class, () -> {
            try {
                core.intake().submit("acme", bytes(broken));
            } catch (RuntimeException r) {
                throw r;
            } catch (Exception x) {
                throw new IllegalStateException(x);
            }
        });
        assertThat(e.code()).isEqualTo("invalid_ticket");
        assertThat(core.tickets().get(first.ticketId()).orElseThrow().version()).isEqualTo(1);
        assertThat(core.routing().ticket(first.ticketId()).orElseThrow().attributes().priority()).isEqualTo(6);
    }

    @Test
    void withTheKeyProviderDownNothingIsStoredOrRouted() {
        keys.down = true;
        GatewayException e = refused(GatewayException.class, () -> core.intake().submit("acme", CoreFixtures.ticket("zendesk-es")));
        assertThat(e.code()).isEqualTo("vault_unavailable");
        assertThat(core.tickets().find("acme", "48377")).isEmpty();
        assertThat(core.experts().offers("exp-1", 10)).isEmpty();
        keys.down = false;
        assertThat(core.intake().submit("acme", CoreFixtures.ticket("zendesk-es")).created()).isTrue();
    }

    @Test
    void whenOnlyTheStoreKeyFailsNothingIsRoutedEither() throws Exception {
        core.intake().submit("acme", CoreFixtures.ticket("zendesk-en"));
        keys.downFor = dev.veil.gateway.store.StoreCipher.DEFAULT_KEY_ID;
        StoreUnavailableException e = refused(StoreUnavailableException.class,
                () -> core.intake().submit("globex", CoreFixtures.ticket("salesforce-en")));
        assertThat(e.code()).isIn("store_unavailable");
        assertThat(core.tickets().find("globex", "5003X00002KqLmNQAV")).isEmpty();
        assertThat(core.experts().offers("exp-1", 10)).hasSize(1);
    }

    @Test
    void badInputIsRefusedWithStableCodes() throws Exception {
        assertThat(refused(GatewayException.class, () -> core.intake().submit("nobody", CoreFixtures.ticket("zendesk-en"))).code())
                .isEqualTo("unknown_brand");
        // a document the engine cannot read keeps the engine's own code (a DocumentRejectedException, 4xx)
        InvalidDocumentException notJson = refused(InvalidDocumentException.class,
                () -> core.intake().submit("acme", "{\"ticket\": {\"id\": \"Dana Whitfield\"".getBytes(StandardCharsets.UTF_8)));
        assertThat(notJson.code()).isEqualTo("invalid_json");
        assertThat(notJson.detail()).doesNotContain("Dana", "ticket");
        ObjectNode noId = zendesk();
        ((ObjectNode) noId.get("ticket")).remove("id");
        byte[] noIdBytes = bytes(noId);
        assertThat(refused(GatewayException.class, () -> core.intake().submit("acme", noIdBytes)).code()).isEqualTo("invalid_ticket");
        byte[] deep = ("{\"ticket\":{\"id\":1,\"description\":" + "[".repeat(200) + "]".repeat(200) + "}}").getBytes(StandardCharsets.UTF_8);
        LimitExceededException tooDeep = refused(LimitExceededException.class, () -> core.intake().submit("acme", deep));
        assertThat(tooDeep.code()).isEqualTo("too_deep");
        assertThat(tooDeep.limit()).isEqualTo("maxDepth");
        assertThat(tooDeep.detail()).contains("maxDepth").doesNotContain("description");
        assertThat(core.experts().offers("exp-1", 10)).isEmpty();
    }
}
