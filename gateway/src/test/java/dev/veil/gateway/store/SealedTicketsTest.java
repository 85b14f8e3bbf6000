package dev.veil.gateway.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.gateway.cli.EphemeralKeyProvider;
import dev.veil.policy.engine.TokenRecord;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SealedTicketsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final StoreCipher cipher = StoreCipher.of(new EphemeralKeyProvider(new SecureRandom()), new SecureRandom());

    @Test
    void aViewIsSealedAsATreeAndReadBackWithItsNumbersExact() throws Exception {
        String document = "{\"amount\":1.10,\"big\":123456789012345678901234567890,\"text\":\"a \\\"quoted\\\" \\u00e9\"}";
        TicketView view = new TicketView(StoredTicket.BASE_VIEW, document,
                List.of(new TokenRecord("/text", "contact", 1, TokenRecord.ValueKind.STRING)));
        StoredTicket ticket = ticket(Map.of(StoredTicket.BASE_VIEW, view));

        StoredTicket read = SealedTickets.decode(ticket.id(), SealedTickets.encode(ticket, cipher), cipher);

        assertThat(read.view(StoredTicket.BASE_VIEW).json()).isEqualTo(document.replace("\\u00e9", "\u00e9"));
        assertThat(read.view(StoredTicket.BASE_VIEW).tokens()).isEqualTo(view.tokens());
        byte[] plain = openView(SealedTickets.encode(ticket, cipher), ticket.id());
        assertThat(JSON.readTree(plain).get("doc").isObject()).as("the tree itself, not escaped text").isTrue();
    }

    @Test
    void recordsThatHoldTheViewAsTextStillOpen() throws Exception {
        String document = "{\"subject\":\"Refund\",\"n\":3}";
        StoredTicket ticket = ticket(Map.of(StoredTicket.BASE_VIEW, new TicketView(StoredTicket.BASE_VIEW, "{}", List.of())));
        // a record as versions before "doc" wrote it: the view's JSON text under "json"
        ObjectNode plain = JSON.createObjectNode().put("json", document);
        plain.putArray("tokens");
        StoreCipher.Sealed sealed = cipher.seal(JSON.writeValueAsBytes(plain), "ticket\n" + ticket.id() + "\n" + StoredTicket.BASE_VIEW);
        ObjectNode root = (ObjectNode) JSON.readTree(SealedTickets.encode(ticket, cipher));
        root.withArray("views").removeAll().addObject().put("name", StoredTicket.BASE_VIEW)
                .put("keyVersion", sealed.keyVersion()).put("box", sealed.box());

        StoredTicket read = SealedTickets.decode(ticket.id(), root.toString().getBytes(UTF_8), cipher);

        assertThat(read.view(StoredTicket.BASE_VIEW).json()).isEqualTo(document);
    }

    private static StoredTicket ticket(Map<String, TicketView> views) {
        return new StoredTicket("t_1", "acme", "crm-1", 1, 0, 1, Instant.parse("2026-01-01T00:00:00Z"), views);
    }

    private byte[] openView(byte[] record, String id) throws Exception {
        var v = JSON.readTree(record).get("views").get(0);
        return cipher.open(new StoreCipher.Sealed(v.get("keyVersion").intValue(), v.get("box").binaryValue()),
                "ticket\n" + id + "\n" + v.get("name").textValue());
    }
}
