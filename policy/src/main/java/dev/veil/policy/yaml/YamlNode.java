package dev.veil.policy.yaml;

import java.util.List;

/** A YAML node with the position where it starts, so that every problem can name its line. */
public sealed interface YamlNode {

    Mark mark();

    /** What the node is, as error messages name it ("a map", "a list", "a whole number" ...). */
    String describe();

    /** A mapping; keys keep their own positions for "unknown key" errors. Keys are unique. */
    record MapNode(Mark mark, List<Entry> entries) implements YamlNode {

        public MapNode {
            entries = List.copyOf(entries);
        }

        @Override
        public String describe() {
            return "a map";
        }

        /** The value of {@code key}, or {@code null} when absent. */
        public YamlNode get(String key) {
            for (Entry entry : entries) {
                if (entry.key().equals(key)) {
                    return entry.value();
                }
            }
            return null;
        }

        /** Where {@code key} is written, or where the map starts when it is absent. */
        public Mark keyMark(String key) {
            for (Entry entry : entries) {
                if (entry.key().equals(key)) {
                    return entry.keyMark();
                }
            }
            return mark;
        }
    }

    /** One key of a mapping with its value. */
    record Entry(String key, Mark keyMark, YamlNode value) {}

    /** A sequence. */
    record ListNode(Mark mark, List<YamlNode> items) implements YamlNode {

        public ListNode {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** A scalar: its text and what YAML resolved it to. */
    record Scalar(Mark mark, String text, Kind kind) implements YamlNode {

        /** What a plain or quoted scalar resolved to. */
        public enum Kind { STRING, INTEGER, DECIMAL, BOOLEAN, NULL }

        @Override
        public String describe() {
            return switch (kind) {
                case STRING -> "a string";
                case INTEGER -> "a whole number";
                case DECIMAL -> "a decimal number";
                case BOOLEAN -> "a boolean";
                case NULL -> "null";
            };
        }
    }
}
