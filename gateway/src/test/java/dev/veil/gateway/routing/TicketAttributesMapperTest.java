package dev.veil.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.gateway.routing.config.AttributeMapping;
import dev.veil.gateway.routing.config.RoutingConfigLoader;
import dev.veil.gateway.routing.model.TicketAttributes;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TicketAttributesMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AttributeMapping MAPPING = RoutingConfigLoader.parse("""
            brands:
              acme:
                routing:
                  attributes:
                    language: /locale
                    channel: /via/channel
                    skills:
                      billing: {required: {billing: 2}}
                      refund: {required: {billing: 3, refunds: 1}}
                      vip: {preferred: {retention: 3, billing: 5}}
            """).brand("acme").attributes();

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    @Test
    void readsAttributesFromTheSanitizedTicket() throws Exception {
        TicketAttributes a = TicketAttributesMapper.map("T-1", "acme", json("""
                {"locale": "es-ES", "priority": "urgent", "via": {"channel": "Chat"},
                 "tags": ["billing", "Refund", "vip", "unrelated"],
                 "requester": {"email": "tok_0123456789abcdef"}}
                """), MAPPING);

        assertThat(a.language()).isEqualTo("es");
        assertThat(a.priority()).isEqualTo(9);
        assertThat(a.channel()).isEqualTo("chat");
        assertThat(a.requiredSkills()).isEqualTo(Map.of("billing", 3, "refunds", 1));
        // A skill both required and preferred stays required.
        assertThat(a.preferredSkills()).isEqualTo(Map.of("retention", 3));
    }

    @Test
    void usesDefaultsForMissingFields() throws Exception {
        TicketAttributes a = TicketAttributesMapper.map("T-2", "acme", json("{\"priority\": 6}"), MAPPING);
        assertThat(a.language()).isEqualTo("en");
        assertThat(a.priority()).isEqualTo(6);
        assertThat(a.channel()).isEqualTo("email");
        assertThat(a.requiredSkills()).isEmpty();
    }

    @Test
    void badFieldsAreNamedByPointerWithoutTheirValue() throws Exception {
        assertThatThrownBy(() -> TicketAttributesMapper.map("T-3", "acme",
                json("{\"locale\": \"4111 1111 1111 1111\"}"), MAPPING))
                .hasMessage("/locale: not a language tag")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("4111"));
        assertThatThrownBy(() -> TicketAttributesMapper.map("T-3", "acme", json("{\"priority\": \"asap\"}"), MAPPING))
                .hasMessage("/priority: not a priority (expected: 0 to 9 or one of [high, low, normal, urgent])");
        assertThatThrownBy(() -> TicketAttributesMapper.map("T-3", "acme", json("{\"tags\": \"billing\"}"), MAPPING))
                .hasMessage("/tags: not a list of tags");
        assertThatThrownBy(() -> TicketAttributesMapper.map("jane@example.com", "acme", json("{}"), MAPPING))
                .hasMessage("ticketId: not a valid id (expected: 1 to 128 of A-Z a-z 0-9 . _ : -)");
    }
}
