package dev.veil.gateway.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Writes the gateway's JSON trees (stored records, CRM and outbox payloads) as compact UTF-8. */
public final class JsonTrees {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonTrees() {}

    /** {@code node} as compact UTF-8 JSON. */
    public static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            // a tree of Jackson's own nodes always writes; never Jackson's exception as cause (error contract)
            throw new IllegalStateException("a JSON tree could not be written");
        }
    }
}
