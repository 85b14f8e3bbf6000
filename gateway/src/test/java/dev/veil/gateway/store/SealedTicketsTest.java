package dev.veil.gateway.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.gateway.cli.EphemeralKeyProvider;
import dev.veil.policy.engine.TokenRecord;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
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

        byte[] record = SealedTickets.encode(ticket, cipher);
        StoredTicket read = SealedTickets.decode(ticket.id(), record, cipher);

        assertThat(read.view(StoredTicket.BASE_VIEW).json()).isEqualTo(document.replace("\\u00e9", "\u00e9"));
        assertThat(read.view(StoredTicket.BASE_VIEW).tokens()).isEqualTo(view.tokens());
        assertThat(record[0]).isEqualTo(SealedTickets.FORMAT_2);
        JsonNode plain = JSON.readTree(openBox(record, ticket.id()));
        assertThat(plain.get("views").get(0).get("doc").isObject()).as("the tree itself, not escaped text").isTrue();
    }

    @Test
    void everyViewOfATicketIsInOneBoxAndComesBackInOrderWithItsTokens() {
        Map<String, TicketView> views = new LinkedHashMap<>();
        views.put(StoredTicket.BASE_VIEW, new TicketView(StoredTicket.BASE_VIEW, "{\"email\":\"tok_a\",\"n\":[1,2.50]}",
                List.of(new TokenRecord("/email", "contact", 3, TokenRecord.ValueKind.STRING))));
        views.put("senior", new TicketView("senior", "{\"email\":\"x@example.com\"}", List.of()));
        views.put("billing", new TicketView("billing", "{\"card\":\"4111 **** 1111\",\"t\":\"tok_b\"}",
                List.of(new TokenRecord("/t", "vault", 1, TokenRecord.ValueKind.NUMBER), new TokenRecord("/card", "pan", 2, TokenRecord.ValueKind.STRING))));
        StoredTicket ticket = new StoredTicket("t_2", "acme", "4711", 7, 3, 12, Instant.parse("2026-05-06T07:08:09.123Z"), views);

        StoredTicket read = SealedTickets.decode(ticket.id(), SealedTickets.encode(ticket, cipher), cipher);

        assertThat(read.views().keySet()).containsExactlyElementsOf(ticket.views().keySet()).hasSize(3);
        for (TicketView v : views.values()) {
            assertThat(read.view(v.name()).json()).isEqualTo(v.json());
            assertThat(read.view(v.name()).tokens()).isEqualTo(v.tokens());
        }
        assertThat(List.of(read.brand(), read.crmTicketId(), read.version(), read.commentCount(), read.policyVersion(), read.updatedAt()))
                .isEqualTo(List.of("acme", "4711", 7L, 3, 12, Instant.parse("2026-05-06T07:08:09.123Z")));
    }

    @Test
    void aChangedClearFieldOrABoxMovedToAnotherTicketDoesNotOpen() {
        StoredTicket ticket = ticket(Map.of(StoredTicket.BASE_VIEW, new TicketView(StoredTicket.BASE_VIEW, "{\"a\":1}", List.of())));
        byte[] record = SealedTickets.encode(ticket, cipher);
        String text = new String(record, UTF_8);
        int at = text.indexOf("crm-1");
        byte[] altered = record.clone();
        altered[at + 4] = '2'; // the clear CRM id now says crm-2

        assertThatThrownBy(() -> SealedTickets.decode(ticket.id(), altered, cipher)).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> SealedTickets.decode("t_other", record, cipher)).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> SealedTickets.decode(ticket.id(), Arrays.copyOf(record, record.length - 1), cipher))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> SealedTickets.decode(ticket.id(), Arrays.copyOf(record, 7), cipher)).isInstanceOf(StoreUnavailableException.class);
    }

    /** Every cut of a record, and a header length past its end, is the store's error, never another exception. */
    @Test
    void aRecordCutAnywhereIsUnreadableAsTheStoresError() {
        StoredTicket ticket = ticket(Map.of(StoredTicket.BASE_VIEW, new TicketView(StoredTicket.BASE_VIEW, "{\"a\":1}", List.of())));
        byte[] record = SealedTickets.encode(ticket, cipher);
        for (int length = 1; length < record.length; length++) {
            byte[] cut = Arrays.copyOf(record, length);
            assertThatThrownBy(() -> SealedTickets.decode(ticket.id(), cut, cipher)).as("cut at %d", length)
                    .isInstanceOf(StoreUnavailableException.class);
        }
        byte[] longHeader = record.clone();
        ByteBuffer.wrap(longHeader).putInt(1, record.length - 1 - 4); // leaves no room for the key version
        assertThatThrownBy(() -> SealedTickets.head(ticket.id(), longHeader)).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("header length");
        assertThatThrownBy(() -> SealedTickets.decode(ticket.id(), longHeader, cipher)).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("header length");
    }

    @Test
    void recordsWrittenBeforeFormat2StillOpenWithTheirViewsAsTreesOrText() throws Exception {
        Map<String, TicketView> views = new LinkedHashMap<>();
        views.put(StoredTicket.BASE_VIEW, new TicketView(StoredTicket.BASE_VIEW, "{\"subject\":\"Refund\",\"amount\":1.10}",
                List.of(new TokenRecord("/subject", "contact", 2, TokenRecord.ValueKind.STRING))));
        views.put("senior", new TicketView("senior", "{\"n\":3}", List.of()));
        StoredTicket ticket = new StoredTicket("t_9", "globex", "500A", 4, 2, 3, Instant.parse("2026-02-03T04:05:06Z"), views);

        for (boolean asText : new boolean[] {false, true}) {
            StoredTicket read = SealedTickets.decode(ticket.id(), format1(ticket, asText), cipher);

            assertThat(read.views().keySet()).containsExactly(StoredTicket.BASE_VIEW, "senior");
            assertThat(read.view(StoredTicket.BASE_VIEW).json()).isEqualTo("{\"subject\":\"Refund\",\"amount\":1.10}");
            assertThat(read.view(StoredTicket.BASE_VIEW).tokens()).isEqualTo(views.get(StoredTicket.BASE_VIEW).tokens());
            assertThat(read.view("senior").json()).isEqualTo("{\"n\":3}");
            assertThat(List.of(read.brand(), read.crmTicketId(), read.version(), read.commentCount(), read.policyVersion(), read.updatedAt()))
                    .isEqualTo(List.of("globex", "500A", 4L, 2, 3, Instant.parse("2026-02-03T04:05:06Z")));
        }
    }

    @Test
    void aViewOtherThanTheBaseIsStoredAsItsDifferencesAndReadBackWhole() throws Exception {
        Map<String, TicketView> views = new LinkedHashMap<>();
        views.put(StoredTicket.BASE_VIEW, new TicketView(StoredTicket.BASE_VIEW,
                "{\"requester\":{\"name\":\"tok_n\",\"email\":\"tok_e\"},\"body\":\"long text\",\"n\":1.10}", List.of()));
        views.put("senior", new TicketView("senior",
                "{\"requester\":{\"name\":\"Ana\",\"email\":\"tok_e\"},\"body\":\"long text\",\"n\":1.10}", List.of()));
        StoredTicket ticket = ticket(views);

        byte[] record = SealedTickets.encode(ticket, cipher);

        JsonNode stored = JSON.readTree(openBox(record, ticket.id())).get("views");
        assertThat(stored.get(1).has("doc")).isFalse();
        assertThat(stored.get(1).get("patch").toString()).isEqualTo("[[\"/requester/name\",\"Ana\"]]");
        StoredTicket read = SealedTickets.decode(ticket.id(), record, cipher);
        assertThat(read.view("senior").json()).isEqualTo(views.get("senior").json());
        assertThat(read.view(StoredTicket.BASE_VIEW).json()).isEqualTo(views.get(StoredTicket.BASE_VIEW).json());
    }

    @Test
    void format2RecordsWithEveryViewWholeStillOpen() throws Exception {
        Map<String, TicketView> views = new LinkedHashMap<>();
        views.put("billing", new TicketView("billing", "{\"card\":\"4111 **** 1111\",\"n\":2.50}", List.of()));
        views.put(StoredTicket.BASE_VIEW, new TicketView(StoredTicket.BASE_VIEW, "{\"card\":\"tok_c\",\"n\":2.50}",
                List.of(new TokenRecord("/card", "pan", 2, TokenRecord.ValueKind.STRING))));
        StoredTicket ticket = ticket(views);

        StoredTicket read = SealedTickets.decode(ticket.id(), format2WholeViews(ticket), cipher);

        assertThat(read.views().keySet()).containsExactlyElementsOf(ticket.views().keySet());
        for (TicketView v : views.values()) {
            assertThat(read.view(v.name()).json()).isEqualTo(v.json());
            assertThat(read.view(v.name()).tokens()).isEqualTo(v.tokens());
        }
    }

    @Test
    void recordsWrittenOneAfterAnotherOnOneThreadEachHoldOnlyTheirOwnViews() {
        // the thread's buffer is reused: a shorter record after a longer one must not carry its tail,
        // and one past the kept size (256 KiB) must not disturb the next
        List<StoredTicket> tickets = new ArrayList<>();
        for (int length : new int[] {20_000, 10, 300_000, 5_000, 0, 70_000}) {
            String document = "{\"text\":\"" + "x".repeat(length) + "\"}";
            tickets.add(new StoredTicket("t_" + length, "acme", "crm-" + length, 1, 0, 1, Instant.parse("2026-01-01T00:00:00Z"),
                    Map.of(StoredTicket.BASE_VIEW, new TicketView(StoredTicket.BASE_VIEW, document, List.of()))));
        }
        List<byte[]> records = tickets.stream().map(t -> SealedTickets.encode(t, cipher)).toList();

        for (int i = 0; i < tickets.size(); i++) {
            StoredTicket written = tickets.get(i);
            StoredTicket read = SealedTickets.decode(written.id(), records.get(i), cipher);
            assertThat(read.view(StoredTicket.BASE_VIEW).json()).isEqualTo(written.view(StoredTicket.BASE_VIEW).json());
            assertThat(records.get(i).length).as("no tail of a longer record").isLessThan(written.view(StoredTicket.BASE_VIEW).json().length() + 300);
        }
    }

    @Test
    void theClearFieldsOfBothFormatsAreReadWithoutOpeningTheViews() throws Exception {
        StoredTicket ticket = new StoredTicket("t_5", "acme", "crm-5", 6, 4, 2, Instant.parse("2026-03-04T05:06:07Z"),
                Map.of(StoredTicket.BASE_VIEW, new TicketView(StoredTicket.BASE_VIEW, "{\"a\":1}", List.of())));
        StoreCipher otherKeys = StoreCipher.of(new EphemeralKeyProvider(new SecureRandom()), new SecureRandom());

        for (byte[] record : List.of(SealedTickets.encode(ticket, cipher), format1(ticket, false))) {
            assertThatThrownBy(() -> SealedTickets.decode(ticket.id(), record, otherKeys)).isInstanceOf(StoreUnavailableException.class);

            assertThat(SealedTickets.head(ticket.id(), record)).isEqualTo(new TicketStore.Head("t_5", 6, 4));
            assertThat(SealedTickets.versionHead(ticket.id(), record)).isEqualTo(new TicketVersions.Head("acme", "crm-5", 6));
        }
        assertThatThrownBy(() -> SealedTickets.head("t_5", new byte[] {SealedTickets.FORMAT_2, 0, 0, 1, 0})).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> SealedTickets.head("t_5", "{\"brand\":\"acme\"}".getBytes(UTF_8))).isInstanceOf(StoreUnavailableException.class);
    }

    private static StoredTicket ticket(Map<String, TicketView> views) {
        return new StoredTicket("t_1", "acme", "crm-1", 1, 0, 1, Instant.parse("2026-01-01T00:00:00Z"), views);
    }

    /** The plaintext of a format 2 record's one box. */
    private byte[] openBox(byte[] record, String id) {
        ByteBuffer in = ByteBuffer.wrap(record);
        int headerLength = in.getInt(1);
        byte[] header = Arrays.copyOfRange(record, 5, 5 + headerLength);
        int keyVersion = in.getInt(5 + headerLength);
        int boxAt = 9 + headerLength;
        return cipher.open(keyVersion, record, boxAt, record.length - boxAt, SealedTickets.place(id, header));
    }

    /**
     * A format 2 record as the versions before issue 12's round 5 wrote it: every view whole under
     * "doc" (here in reverse order, which a reader must not depend on); sealed as SealedTickets.encode seals.
     */
    private byte[] format2WholeViews(StoredTicket t) throws Exception {
        ObjectNode plain = JSON.createObjectNode();
        ArrayNode out = plain.putArray("views");
        List<TicketView> reversed = new ArrayList<>(t.views().values());
        java.util.Collections.reverse(reversed);
        for (TicketView view : reversed) {
            ObjectNode v = out.addObject().put("name", view.name());
            v.set("doc", view.document());
            ArrayNode tokens = v.putArray("tokens");
            for (TokenRecord r : view.tokens()) {
                tokens.addObject().put("path", r.path()).put("profile", r.profile()).put("keyVersion", r.keyVersion()).put("kind", r.kind().name());
            }
        }
        byte[] json = JSON.writeValueAsBytes(plain);
        ObjectNode clear = JSON.createObjectNode().put("brand", t.brand()).put("crm", t.crmTicketId()).put("version", t.version())
                .put("comments", t.commentCount()).put("policyVersion", t.policyVersion()).put("updatedAt", t.updatedAt().toString());
        byte[] header = JSON.writeValueAsBytes(clear);
        int boxAt = 1 + 4 + header.length + 4;
        ByteBuffer record = ByteBuffer.allocate(boxAt + 12 + json.length + 16);
        record.put(SealedTickets.FORMAT_2).putInt(header.length).put(header).putInt(0).position(boxAt + 12);
        record.put(json);
        int keyVersion = cipher.sealInPlace(record.array(), boxAt, json.length, SealedTickets.place(t.id(), header));
        record.putInt(1 + 4 + header.length, keyVersion);
        return record.array();
    }

    /**
     * A record as the versions before format 2 wrote it (SealedTickets.encode up to c5c3be1): a JSON
     * object with the clear fields and each view sealed on its own for "ticket", the id and its name,
     * in base64; the view's document as a tree under "doc" or, before that, as text under "json".
     */
    private byte[] format1(StoredTicket t, boolean documentAsText) throws Exception {
        ObjectNode root = JSON.createObjectNode();
        root.put("brand", t.brand());
        root.put("crm", t.crmTicketId());
        root.put("version", t.version());
        root.put("comments", t.commentCount());
        root.put("policyVersion", t.policyVersion());
        root.put("updatedAt", t.updatedAt().toString());
        ArrayNode out = root.putArray("views");
        for (TicketView view : t.views().values()) {
            ObjectNode plain = JSON.createObjectNode();
            if (documentAsText) {
                plain.put("json", view.json());
            } else {
                plain.set("doc", view.document());
            }
            ArrayNode tokens = plain.putArray("tokens");
            for (TokenRecord r : view.tokens()) {
                tokens.addObject().put("path", r.path()).put("profile", r.profile()).put("keyVersion", r.keyVersion()).put("kind", r.kind().name());
            }
            StoreCipher.Sealed sealed = cipher.seal(JSON.writeValueAsBytes(plain), "ticket\n" + t.id() + "\n" + view.name());
            out.addObject().put("name", view.name()).put("keyVersion", sealed.keyVersion()).put("box", sealed.box());
        }
        return JSON.writeValueAsBytes(root);
    }
}
