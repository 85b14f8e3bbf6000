package dev.veil.gateway.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * A view's document as its differences from the base view's: a list of {@code [pointer, value]}
 * pairs, each a JSON Pointer (RFC 6901) into the base document and the view's value there. Views
 * of one ticket differ only where their policies treat a value differently, so a ticket's record
 * holds the base document once and each further view as a few pairs.
 *
 * <p>The pairs follow the documents' shapes: an object with the same member names in the same
 * order, or an array of the same length, is compared member by member; anything else that is not
 * equal is replaced whole. Applying them to a copy of the base gives a tree equal to the view's.
 */
final class ViewPatches {

    private ViewPatches() {
    }

    /** Writes the pairs that turn {@code base} into {@code view}, as a JSON array, with {@code trees} writing values. */
    static void write(JsonNode base, JsonNode view, ObjectWriter trees, JsonGenerator g) throws IOException {
        g.writeStartArray();
        diff(base, view, new StringBuilder(), trees, g);
        g.writeEndArray();
    }

    /**
     * The view that {@code patch} (an array written by {@link #write}) makes of {@code base}, which is
     * left unchanged.
     *
     * @throws IllegalArgumentException if a pair is malformed or points where {@code base} has nothing
     */
    static JsonNode apply(JsonNode base, JsonNode patch) {
        if (patch == null || !patch.isArray()) {
            throw new IllegalArgumentException("a view patch is not an array");
        }
        JsonNode doc = base.deepCopy();
        for (JsonNode pair : patch) {
            if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isTextual()) {
                throw new IllegalArgumentException("a view patch holds a malformed pair");
            }
            String pointer = pair.get(0).textValue();
            JsonNode value = pair.get(1);
            if (pointer.isEmpty()) {
                doc = value;
                continue;
            }
            JsonPointer at = JsonPointer.compile(pointer);
            JsonNode parent = doc.at(at.head());
            JsonPointer last = at.last();
            if (parent instanceof ObjectNode o && o.has(last.getMatchingProperty())) {
                o.set(last.getMatchingProperty(), value);
            } else if (parent instanceof ArrayNode a && last.getMatchingIndex() >= 0 && last.getMatchingIndex() < a.size()) {
                a.set(last.getMatchingIndex(), value);
            } else {
                throw new IllegalArgumentException("a view patch points where the base view has nothing");
            }
        }
        return doc;
    }

    private static void diff(JsonNode base, JsonNode view, StringBuilder path, ObjectWriter trees, JsonGenerator g) throws IOException {
        int length = path.length();
        if (base.isObject() && view.isObject() && sameNames(base, view)) {
            Iterator<Map.Entry<String, JsonNode>> b = base.fields();
            Iterator<JsonNode> v = view.elements();
            while (b.hasNext()) {
                Map.Entry<String, JsonNode> member = b.next();
                appendSegment(path, member.getKey());
                diff(member.getValue(), v.next(), path, trees, g);
                path.setLength(length);
            }
        } else if (base.isArray() && view.isArray() && base.size() == view.size()) {
            for (int i = 0; i < base.size(); i++) {
                path.append('/').append(i);
                diff(base.get(i), view.get(i), path, trees, g);
                path.setLength(length);
            }
        } else if (!base.equals(view)) {
            g.writeStartArray();
            g.writeString(path.toString());
            trees.writeValue(g, view);
            g.writeEndArray();
        }
    }

    /** Whether both objects have the same member names in the same order. */
    private static boolean sameNames(JsonNode base, JsonNode view) {
        if (base.size() != view.size()) {
            return false;
        }
        Iterator<String> b = base.fieldNames();
        Iterator<String> v = view.fieldNames();
        while (b.hasNext()) {
            if (!b.next().equals(v.next())) {
                return false;
            }
        }
        return true;
    }

    /** {@code /name}, with {@code ~} and {@code /} escaped as RFC 6901 says. */
    private static void appendSegment(StringBuilder path, String name) {
        path.append('/');
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '~') {
                path.append("~0");
            } else if (c == '/') {
                path.append("~1");
            } else {
                path.append(c);
            }
        }
    }
}
