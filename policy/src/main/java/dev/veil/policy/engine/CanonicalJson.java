package dev.veil.policy.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Arrays;
import java.util.Iterator;

/**
 * {@link Values#canonical} written straight into one buffer for the node kinds a parsed document
 * holds (objects, arrays, strings, {@link TextNumberNode}s, booleans, null): the same text
 * Jackson's default writer makes of a sorted copy of the tree, without the copy, the sort's lists
 * or a generator per value (those were most of the cost of replacing an object whole). Strings are
 * escaped as Jackson escapes them: {@code "} and {@code \}, the control characters below U+0020
 * with their short forms (backslash and b, t, n, f or r) or as a backslash, {@code u00} and two upper-case hex digits, nothing else.
 */
final class CanonicalJson {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private CanonicalJson() {}

    /** The canonical text of {@code node}, or {@code null} when it holds a node kind not written here. */
    static String write(JsonNode node) {
        StringBuilder out = new StringBuilder(64);
        return append(node, out) ? out.toString() : null;
    }

    private static boolean append(JsonNode node, StringBuilder out) {
        Class<?> kind = node.getClass();
        if (kind == ObjectNode.class) {
            return appendObject(node, out);
        }
        if (kind == ArrayNode.class) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                if (!append(node.get(i), out)) {
                    return false;
                }
            }
            out.append(']');
            return true;
        }
        if (kind == TextNode.class && node.textValue() != null) {
            appendString(node.textValue(), out);
            return true;
        }
        if (kind == TextNumberNode.class) {
            out.append(node.asText()); // written as sent, as TextNumberNode.serialize does
            return true;
        }
        if (kind == BooleanNode.class) {
            out.append(node.booleanValue() ? "true" : "false");
            return true;
        }
        if (kind == NullNode.class) {
            out.append("null");
            return true;
        }
        return false;
    }

    private static boolean appendObject(JsonNode node, StringBuilder out) {
        String[] names = new String[node.size()];
        int count = 0;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names[count++] = it.next();
        }
        Arrays.sort(names, 0, count); // by String's natural order, as Values.sorted does
        out.append('{');
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append(',');
            }
            appendString(names[i], out);
            out.append(':');
            if (!append(node.get(names[i]), out)) {
                return false;
            }
        }
        out.append('}');
        return true;
    }

    private static void appendString(String text, StringBuilder out) {
        out.append('"');
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(text, from, i).append('\\');
            switch (c) {
                case '"', '\\' -> out.append(c);
                case '\b' -> out.append('b');
                case '\t' -> out.append('t');
                case '\n' -> out.append('n');
                case '\f' -> out.append('f');
                case '\r' -> out.append('r');
                default -> out.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
            from = i + 1;
        }
        if (from == 0) {
            out.append(text); // nothing escaped (the usual case): one copy, not a character at a time
        } else {
            out.append(text, from, text.length());
        }
        out.append('"');
    }
}
