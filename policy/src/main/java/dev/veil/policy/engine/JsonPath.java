package dev.veil.policy.engine;

/**
 * The concrete path of a node while the engine walks, built into text only when a report needs
 * it: {@code $.ticket.comments[2].body}, names that are not plain in {@code ['quotes']}.
 */
final class JsonPath {

    static final JsonPath ROOT = new JsonPath(null, null, -1);

    private final JsonPath parent;
    private final String key;
    private final int index;

    private JsonPath(JsonPath parent, String key, int index) {
        this.parent = parent;
        this.key = key;
        this.index = index;
    }

    JsonPath member(String name) {
        return new JsonPath(this, name, -1);
    }

    JsonPath element(int position) {
        return new JsonPath(this, null, position);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        append(out);
        return out.toString();
    }

    private void append(StringBuilder out) {
        if (parent == null) {
            out.append('$');
            return;
        }
        parent.append(out);
        if (key == null) {
            out.append('[').append(index).append(']');
        } else if (isPlain(key)) {
            out.append('.').append(key);
        } else {
            out.append("['");
            for (int i = 0; i < key.length(); i++) {
                char c = key.charAt(i);
                if (c == '\'' || c == '\\') {
                    out.append('\\');
                }
                out.append(c);
            }
            out.append("']");
        }
    }

    private static boolean isPlain(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
