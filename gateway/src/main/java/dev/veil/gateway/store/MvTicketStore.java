package dev.veil.gateway.store;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.policy.engine.TokenRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.h2.mvstore.MVMap;

/**
 * The embedded {@link TicketStore}: one MVStore file. Each view (its JSON and token records) is
 * sealed with {@link StoreCipher}, bound to the ticket id and view name; only the brand, the CRM
 * ticket id, version numbers and counts are stored in clear. A ticket and its index entry are
 * committed together and forced to disk before {@link #put} returns (through {@link
 * dev.veil.tokenizer.vault.DurableMvStore}). Thread-safe.
 */
public final class MvTicketStore implements TicketStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MvFile file;
    private final StoreCipher cipher;
    private final MVMap<String, byte[]> tickets;
    private final MVMap<String, byte[]> index;
    private final Object[] locks = new Object[64];

    private MvTicketStore(MvFile file, StoreCipher cipher) {
        this.file = file;
        this.cipher = cipher;
        this.tickets = file.map("tickets");
        this.index = file.map("ticketIndex");
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /** Opens (or creates) the store file; views are sealed with {@code cipher}. */
    public static MvTicketStore open(Path path, StoreCipher cipher) {
        requireNonNull(cipher, "cipher");
        return new MvTicketStore(MvFile.open(path, "ticket store"), cipher);
    }

    @Override
    public Optional<String> find(String brand, String crmTicketId) {
        String key = TicketVersions.indexKey(requireNonNull(brand, "brand"), requireNonNull(crmTicketId, "crmTicketId"));
        byte[] id = file.read(() -> index.get(key));
        return id == null ? Optional.empty() : Optional.of(new String(id, StandardCharsets.UTF_8));
    }

    @Override
    public Optional<StoredTicket> get(String ticketId) {
        requireNonNull(ticketId, "ticketId");
        byte[] record = file.read(() -> tickets.get(ticketId));
        return record == null ? Optional.empty() : Optional.of(decode(ticketId, record));
    }

    @Override
    public void put(StoredTicket ticket) {
        requireNonNull(ticket, "ticket");
        byte[] record = encode(ticket); // sealed before anything is written: a missing key writes nothing
        String key = TicketVersions.indexKey(ticket.brand(), ticket.crmTicketId());
        // one ticket's id and CRM id never change, so one lock per CRM id orders its versions;
        // writes of different tickets share fsyncs
        synchronized (locks[Math.floorMod(key.hashCode(), locks.length)]) {
            StoredTicket previous = get(ticket.id()).orElse(null);
            String indexed = find(ticket.brand(), ticket.crmTicketId()).orElse(null);
            TicketVersions.check(previous, indexed, ticket);
            byte[] id = ticket.id().getBytes(StandardCharsets.UTF_8);
            file.writeDurably(() -> {
                tickets.put(ticket.id(), record);
                index.put(key, id);
                return null;
            });
        }
    }

    /** Bounded compaction, for a periodic housekeeping call. */
    public void maintain() {
        file.compact();
    }

    @Override
    public void close() {
        file.close();
    }

    private byte[] encode(StoredTicket t) {
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
            plain.put("json", view.json());
            ArrayNode tokens = plain.putArray("tokens");
            for (TokenRecord r : view.tokens()) {
                tokens.addObject().put("path", r.path()).put("profile", r.profile())
                        .put("keyVersion", r.keyVersion()).put("kind", r.kind().name());
            }
            StoreCipher.Sealed sealed = cipher.seal(bytes(plain), place(t.id(), view.name()));
            views.addObject().put("name", view.name()).put("keyVersion", sealed.keyVersion()).put("box", sealed.box());
        }
        return bytes(root);
    }

    private StoredTicket decode(String id, byte[] record) {
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
                views.put(name, new TicketView(name, view.get("json").textValue(), tokens));
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

    private static String place(String ticketId, String view) {
        return "ticket\n" + ticketId + "\n" + view;
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree could not be written");
        }
    }
}
