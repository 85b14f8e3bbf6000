package dev.veil.gateway.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.gateway.core.JsonTrees;
import dev.veil.policy.engine.TokenRecord;
import dev.veil.tokenizer.vault.AesGcm;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stored ticket as bytes, shared by the ticket stores: brand, CRM ticket id, version numbers and
 * counts in clear, and all its views (each one's JSON and token records) sealed together in one
 * {@link StoreCipher} box, bound to the ticket id and the clear fields.
 *
 * <p>Record layout (format 2, written since issue 12): the byte {@code 2}; a 4-byte length and the
 * clear fields as compact JSON; the 4-byte key version; the box, to the end of the record. Its
 * plaintext is {@code {"views":[{"name":"","doc":{...},"tokens":[...]},{"name":...,"patch":[...],
 * "tokens":[...]},...]}}: the base view's document whole, every other view as its differences from
 * it ({@link ViewPatches}; records written before issue 12's round 5 hold every view whole, under
 * {@code "doc"}, and are still read). Jackson writes it straight into the record's buffer, where it
 * is sealed, so a ticket costs one JSON write and one AES-GCM message. Records of format 1, a JSON object (so starting with <code>{</code>) holding each
 * view as its own box in base64, are still read, as they were written by earlier versions.
 */
final class SealedTickets {

    /** Numbers are read exactly (a stored 1.10 is shown as 1.10), as the engine wrote them. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    /** Writes a view's tree into the record's generator, without flushing after each. */
    private static final ObjectWriter TREES = JSON.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
    /** The first byte of a format 2 record; a format 1 record is a JSON object and starts with '{'. */
    static final byte FORMAT_2 = 2;
    /** Format byte, header length; then, after the header, the key version. */
    private static final int INT_BYTES = 4;
    /** Far above any ticket Veil takes in (the engine's document limit is lower); longer is corrupt. */
    private static final int MAX_HEADER_BYTES = 64 * 1024;

    /** A record's first buffer; grown while its views are written. */
    private static final int FIRST_CAPACITY = 8192;
    /**
     * Largest buffer a thread keeps between records: every 4 KB ticket's views fit, and a rare large
     * ticket's buffer is left to the collector instead of being held by the thread for good.
     */
    private static final int KEPT_CAPACITY = 256 * 1024;
    /**
     * Each thread's buffer: a record is written and sealed there and only its exact bytes copied
     * out, so the growing copies of a fresh buffer (about three times a record's size) are not made
     * per ticket. Between records it holds the last record's ciphertext, which the store holds
     * anyway; a buffer a failed record may have left plaintext in is dropped.
     */
    private static final ThreadLocal<RecordBuffer> BUFFERS = ThreadLocal.withInitial(() -> new RecordBuffer(FIRST_CAPACITY));

    private SealedTickets() {
    }

    static byte[] encode(StoredTicket t, StoreCipher cipher) {
        byte[] header = JsonTrees.bytes(header(t));
        RecordBuffer out = BUFFERS.get();
        boolean sealed = false;
        try {
            byte[] record = encode(t, header, out, cipher);
            sealed = true;
            return record;
        } finally {
            out.reset();
            if (!sealed || out.capacity() > KEPT_CAPACITY) {
                BUFFERS.remove();
            }
        }
    }

    private static byte[] encode(StoredTicket t, byte[] header, RecordBuffer out, StoreCipher cipher) {
        out.write(FORMAT_2);
        out.writeInt(header.length);
        out.write(header, 0, header.length);
        int keyVersionAt = out.size();
        out.writeInt(0); // the key version, known once sealed
        int boxAt = out.size();
        out.skip(AesGcm.NONCE_BYTES);
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("views");
            JsonNode base = t.views().get(StoredTicket.BASE_VIEW).document();
            for (TicketView view : t.views().values()) {
                g.writeStartObject();
                g.writeStringField("name", view.name());
                if (view.name().equals(StoredTicket.BASE_VIEW)) {
                    g.writeFieldName("doc");
                    TREES.writeValue(g, view.document()); // the tree itself: written once, never as escaped text
                } else {
                    g.writeFieldName("patch"); // the view where it differs from the base: a few values, not a second document
                    ViewPatches.write(base, view.document(), TREES, g);
                }
                g.writeArrayFieldStart("tokens");
                for (TokenRecord r : view.tokens()) {
                    g.writeStartObject();
                    g.writeStringField("path", r.path());
                    g.writeStringField("profile", r.profile());
                    g.writeNumberField("keyVersion", r.keyVersion());
                    g.writeStringField("kind", r.kind().name());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            // only the buffer is written to, and it does not fail; never Jackson's exception as cause (error contract)
            throw new IllegalStateException("a ticket's views could not be written");
        }
        int plaintext = out.size() - boxAt - AesGcm.NONCE_BYTES;
        out.skip(AesGcm.TAG_BYTES);
        byte[] record = out.buffer();
        int keyVersion = cipher.sealInPlace(record, boxAt, plaintext, place(t.id(), header));
        ByteBuffer.wrap(record).putInt(keyVersionAt, keyVersion);
        return out.toByteArray();
    }

    static StoredTicket decode(String id, byte[] record, StoreCipher cipher) {
        try {
            if (record.length > 0 && record[0] == FORMAT_2) {
                return decode2(id, record, cipher);
            }
            return decode1(id, record, cipher);
        } catch (IOException | RuntimeException e) {
            throw unreadable(e);
        }
    }

    private static StoredTicket decode2(String id, byte[] record, StoreCipher cipher) throws IOException {
        int headerLength = headerLength(record);
        byte[] header = Arrays.copyOfRange(record, 1 + INT_BYTES, 1 + INT_BYTES + headerLength);
        int keyVersion = ByteBuffer.wrap(record).getInt(1 + INT_BYTES + headerLength);
        int boxAt = 1 + INT_BYTES + headerLength + INT_BYTES;
        byte[] plain = cipher.open(keyVersion, record, boxAt, record.length - boxAt, place(id, header));
        JsonNode root = JSON.readTree(header);
        JsonNode stored = JSON.readTree(plain).get("views");
        JsonNode base = null;
        for (JsonNode view : stored) {
            if (view.get("name").textValue().equals(StoredTicket.BASE_VIEW)) {
                base = view.get("doc");
            }
        }
        Map<String, TicketView> views = new LinkedHashMap<>();
        for (JsonNode view : stored) {
            String name = view.get("name").textValue();
            // "patch": the differences from the base view (written since issue 12's round 5); "doc": the view whole
            JsonNode document = view.has("patch") ? ViewPatches.apply(requireBase(base), view.get("patch")) : view.get("doc");
            views.put(name, new TicketView(name, document, tokens(view)));
        }
        return ticket(id, root, views);
    }

    private static JsonNode requireBase(JsonNode base) {
        if (base == null) {
            throw new StoreUnavailableException("ticket store: a stored ticket is unreadable (a view patch without a base view)");
        }
        return base;
    }

    /** The clear fields of a record an update needs, without opening its views. */
    static TicketStore.Head head(String id, byte[] record) {
        JsonNode root = clearFields(record);
        return new TicketStore.Head(id, root.get("version").longValue(), root.get("comments").intValue());
    }

    /** The clear fields the version rule reads, without opening the views. */
    static TicketVersions.Head versionHead(String id, byte[] record) {
        JsonNode root = clearFields(record);
        return new TicketVersions.Head(root.get("brand").textValue(), root.get("crm").textValue(), root.get("version").longValue());
    }

    /**
     * Format 2's header, or format 1's whole object (its boxes read as text, not opened). Neither is
     * authenticated here (format 2's is, with the box, when the ticket is read): the same trust as
     * format 1 always gave these fields.
     */
    private static JsonNode clearFields(byte[] record) {
        try {
            JsonNode root;
            if (record.length > 0 && record[0] == FORMAT_2) {
                root = JSON.readTree(record, 1 + INT_BYTES, headerLength(record));
            } else {
                root = JSON.readTree(record);
            }
            for (String field : new String[] {"brand", "crm", "version", "comments"}) {
                if (root == null || root.get(field) == null) {
                    throw new StoreUnavailableException("ticket store: a stored ticket is unreadable (clear fields)");
                }
            }
            return root;
        } catch (IOException | RuntimeException e) {
            throw unreadable(e);
        }
    }

    /** A format 2 record's header length, checked against the record: room for the header and the key version after it. */
    private static int headerLength(byte[] record) {
        int headerLength = record.length >= 1 + INT_BYTES ? ByteBuffer.wrap(record).getInt(1) : -1;
        if (headerLength < 0 || headerLength > MAX_HEADER_BYTES || headerLength > record.length - 1 - 2 * INT_BYTES) {
            throw new StoreUnavailableException("ticket store: a stored ticket is unreadable (header length)");
        }
        return headerLength;
    }

    /** {@code e} as the store's error, by type only (a parser's message may quote the record). */
    private static StoreUnavailableException unreadable(Exception e) {
        return e instanceof StoreUnavailableException s ? s
                : new StoreUnavailableException("ticket store: a stored ticket is unreadable (" + e.getClass().getSimpleName() + ")");
    }

    /** Format 1: a JSON object, each view sealed on its own for its ticket id and name. */
    private static StoredTicket decode1(String id, byte[] record, StoreCipher cipher) throws IOException {
        JsonNode root = JSON.readTree(record);
        Map<String, TicketView> views = new LinkedHashMap<>();
        for (JsonNode v : root.get("views")) {
            String name = v.get("name").textValue();
            byte[] plain = cipher.open(new StoreCipher.Sealed(v.get("keyVersion").intValue(), v.get("box").binaryValue()), place1(id, name));
            JsonNode view = JSON.readTree(plain);
            // "json" (the document as text) is how records written before "doc" hold it
            JsonNode document = view.has("doc") ? view.get("doc") : readDocument(view.get("json").textValue());
            views.put(name, new TicketView(name, document, tokens(view)));
        }
        return ticket(id, root, views);
    }

    private static ObjectNode header(StoredTicket t) {
        ObjectNode root = JSON.createObjectNode();
        root.put("brand", t.brand());
        root.put("crm", t.crmTicketId());
        root.put("version", t.version());
        root.put("comments", t.commentCount());
        root.put("policyVersion", t.policyVersion());
        root.put("updatedAt", t.updatedAt().toString());
        return root;
    }

    private static StoredTicket ticket(String id, JsonNode root, Map<String, TicketView> views) {
        return new StoredTicket(id, root.get("brand").textValue(), root.get("crm").textValue(), root.get("version").longValue(),
                root.get("comments").intValue(), root.get("policyVersion").intValue(), Instant.parse(root.get("updatedAt").textValue()), views);
    }

    private static List<TokenRecord> tokens(JsonNode view) {
        List<TokenRecord> tokens = new ArrayList<>();
        for (JsonNode r : view.get("tokens")) {
            tokens.add(new TokenRecord(r.get("path").textValue(), r.get("profile").textValue(), r.get("keyVersion").intValue(),
                    TokenRecord.ValueKind.valueOf(r.get("kind").textValue())));
        }
        return tokens;
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

    /** Format 1's place of one view's box. */
    private static String place1(String ticketId, String view) {
        return "ticket\n" + ticketId + "\n" + view;
    }

    /**
     * Format 2's place of a ticket's box: the ticket id and the clear fields, so that neither can be
     * changed or the box moved to another ticket unnoticed. Its "ticket-views" label never begins a
     * format 1 place ("ticket" and a newline), so no box of one format opens as the other's.
     */
    static byte[] place(String ticketId, byte[] header) {
        byte[] label = ("ticket-views\n" + ticketId + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] place = Arrays.copyOf(label, label.length + header.length);
        System.arraycopy(header, 0, place, label.length, header.length);
        return place;
    }

    /** A growable buffer that Jackson writes the record into, sealed where it lies. */
    private static final class RecordBuffer extends OutputStream {

        private byte[] bytes;
        private int size;

        RecordBuffer(int capacity) {
            bytes = new byte[capacity];
        }

        @Override
        public void write(int b) {
            room(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            room(len);
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        void writeInt(int v) {
            room(INT_BYTES);
            ByteBuffer.wrap(bytes).putInt(size, v);
            size += INT_BYTES;
        }

        /** Reserves {@code n} bytes, filled in later. */
        void skip(int n) {
            room(n);
            size += n;
        }

        int size() {
            return size;
        }

        /** The backing array: valid until the next write. */
        byte[] buffer() {
            return bytes;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }

        int capacity() {
            return bytes.length;
        }

        /** Empties the buffer for the next record. */
        void reset() {
            size = 0;
        }

        private void room(int n) {
            if (bytes.length - size < n) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
            }
        }
    }
}
