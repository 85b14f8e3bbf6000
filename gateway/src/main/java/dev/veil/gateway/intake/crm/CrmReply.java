package dev.veil.gateway.intake.crm;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.gateway.store.OutboxMessage;
import java.io.IOException;
import java.util.Optional;

/** An outbox message read as a reply: the CRM's ticket id and the reply text (tokens already revealed as policy allows). */
public record CrmReply(String messageId, String crmTicketId, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public CrmReply {
        requireNonNull(messageId, "messageId");
        requireNonNull(crmTicketId, "crmTicketId");
        requireNonNull(body, "body");
    }

    /** The reply in {@code message}'s payload, or empty when the payload is not a reply. */
    public static Optional<CrmReply> of(OutboxMessage message) {
        JsonNode json;
        try {
            json = JSON.readTree(message.payload());
        } catch (IOException e) {
            return Optional.empty();
        }
        if (json == null || !json.path("crm_ticket_id").isTextual() || !json.path("body").isTextual()) {
            return Optional.empty();
        }
        return Optional.of(new CrmReply(message.id(), json.path("crm_ticket_id").textValue(), json.path("body").textValue()));
    }
}
