package dev.veil.gateway.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.gateway.core.JsonTrees;
import dev.veil.policy.engine.TokenRecord;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stored ticket as bytes, shared by the ticket stores: each view (its JSON and token records)
 * sealed with {@link StoreCipher}, bound to the ticket id and view name; brand, CRM ticket id,
 * version numbers and counts in clear.
 */
final class SealedTickets {

    /** Numbers are read exactly (a stored 1.10 is shown as 1.10), as the engine wrote them. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private SealedTickets() {
    }

    static byte[] encode(StoredTicket t, StoreCipher cipher) {
        ObjectNode root = JSON.createObjectNode();
        root.put("brand", t.brand());
        root.put("crm", t.crmTicketId());
        root.put("version", t.version());
        root.put("comments", t.commentCount());
        root.put("policyVersion", t.policyVersion());
        root.put("updatedAt", t.updatedAt().toString());
        ArrayNode views = root.putArray("views");
        for (TicketView view : t.views().values()) {
            ObjectNode plain = JSON.createObjectNode();
            plain.set("doc", view.document()); // the tree itself: written once, never as escaped text
            ArrayNode tokens = plain.putArray("tokens");
            for (TokenRecord r : view.tokens()) {
                tokens.addObject().put("path", r.path()).put("profile", r.profile())
                        .put("keyVersion", r.keyVersion()).put("kind", r.kind().name());
            }
            StoreCipher.Sealed sealed = cipher.seal(JsonTrees.bytes(plain), place(t.id(), view.name()));
            views.addObject().put("name", view.name()).put("keyVersion", sealed.keyVersion()).put("box", sealed.box());
        }
        return JsonTrees.bytes(root);
    }

    static StoredTicket decode(String id, byte[] record, StoreCipher cipher) {
        try {
            JsonNode root = JSON.readTree(record);
            Map<String, TicketView> views = new LinkedHashMap<>();
            for (JsonNode v : root.get("views")) {
                String name = v.get("name").textValue();
                byte[] plain = cipher.open(new StoreCipher.Sealed(v.get("keyVersion").intValue(), v.get("box").binaryValue()), place(id, name));
                JsonNode view = JSON.readTree(plain);
                List<TokenRecord> tokens = new ArrayList<>();
                for (JsonNode r : view.get("tokens")) {
                    tokens.add(new TokenRecord(r.get("path").textValue(), r.get("profile").textValue(), r.get("keyVersion").intValue(),
                            TokenRecord.ValueKind.valueOf(r.get("kind").textValue())));
                }
                // "json" (the document as text) is how records written before "doc" hold it
                JsonNode document = view.has("doc") ? view.get("doc") : readDocument(view.get("json").textValue());
                views.put(name, new TicketView(name, document, tokens));
            }
            return new StoredTicket(id, root.get("brand").textValue(), root.get("crm").textValue(), root.get("version").longValue(),
                    root.get("comments").intValue(), root.get("policyVersion").intValue(), Instant.parse(root.get("updatedAt").textValue()), views);
        } catch (IOException | RuntimeException e) {
            if (e instanceof StoreUnavailableException s) {
                throw s;
            }
            throw new StoreUnavailableException("ticket store: a stored ticket is unreadable (" + e.getClass().getSimpleName() + ")");
        }
    }

    static JsonNode readDocument(String json) throws JsonProcessingException {
        return JSON.readTree(json);
    }

    static String text(JsonNode document) {
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written"); // never Jackson's exception as cause (error contract)
        }
    }

    private static String place(String ticketId, String view) {
        return "ticket\n" + ticketId + "\n" + view;
    }
}
