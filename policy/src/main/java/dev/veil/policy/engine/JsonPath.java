package dev.veil.policy.engine;

/**
 * The concrete path of a node, built into text only when needed: {@code $.ticket.comments[2].body},
 * names that are not plain in {@code ['quotes']}. The text is also a valid selector. Immutable.
 *
 * <p>Member names are data (a ticket may name a member after an email address), so messages use
 * {@link #toSafeString()}, which shows only the shape: {@code $.*.*[2].*}.
 */
public final class JsonPath {

    static final JsonPath ROOT = new JsonPath(null, null, -1);

    private final JsonPath parent;
    private final String key;
    private final int index;
    /**
     * {@link #toString()}, made once, when it is short: reports name every value's path, and
     * siblings share their parent's text. Long paths are made again on each call, so that a deep
     * document of long member names never holds one text per level.
     */
    private String text;
    private static final int CACHED_LENGTH = 256;

    private JsonPath(JsonPath parent, String key, int index) {
        this.parent = parent;
        this.key = key;
        this.index = index;
    }

    /** The document's root, {@code $}. */
    public static JsonPath root() {
        return ROOT;
    }

    /** The path of member {@code name} of the object at this path. */
    public JsonPath member(String name) {
        return new JsonPath(this, name, -1);
    }

    /** The path of the element at {@code position} of the array at this path. */
    public JsonPath element(int position) {
        return new JsonPath(this, null, position);
    }

    /** The path of the object or array holding this node, or {@code null} for the root. */
    public JsonPath parent() {
        return parent;
    }

    /**
     * The path with every member name replaced by {@code *} and array indices kept, e.g.
     * {@code $.*.*[2].*}: the only rendering that may appear in an exception, a log or an error body.
     */
    public String toSafeString() {
        StringBuilder out = new StringBuilder();
        appendSafe(out);
        return out.toString();
    }

    private void appendSafe(StringBuilder out) {
        if (parent == null) {
            out.append('$');
            return;
        }
        parent.appendSafe(out);
        if (key == null) {
            out.append('[').append(index).append(']');
        } else {
            out.append(".*");
        }
    }

    /** The full path, member names included: data, never for messages (see {@link #toSafeString()}). */
    @Override
    public String toString() {
        String made = cached();
        if (made != null) {
            return made;
        }
        StringBuilder out = new StringBuilder();
        append(out);
        return out.toString();
    }

    /** This path's text if it is short enough to keep (kept from now on), else {@code null}. */
    private String cached() {
        String made = text;
        if (made != null) {
            return made;
        }
        if (parent == null) {
            made = "$";
        } else {
            String above = parent.cached();
            if (above == null) {
                return null; // an ancestor's text is too long to keep, and so is this one
            }
            made = withLast(above);
            if (made.length() > CACHED_LENGTH) {
                return null;
            }
        }
        text = made; // a benign race: every thread makes the same string
        return made;
    }

    private void append(StringBuilder out) {
        if (text != null) {
            out.append(text);
            return;
        }
        if (parent == null) {
            out.append('$');
            return;
        }
        parent.append(out);
        appendLast(out);
    }

    /**
     * {@code above} followed by this path's last step: a plain name or an index joined in one
     * string of its exact size (each path of a report is made this way, in every view), where a
     * builder's buffer and then its copy were two.
     */
    private String withLast(String above) {
        if (key == null) {
            return above + "[" + index + "]";
        }
        if (isPlain(key)) {
            return above + "." + key;
        }
        StringBuilder out = new StringBuilder(above.length() + key.length() + 8).append(above);
        appendLast(out);
        return out.toString();
    }

    private void appendLast(StringBuilder out) {
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
            boolean plain = c < 128
                    ? (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
                    : Character.isLetterOrDigit(c);
            if (!plain) {
                return false;
            }
        }
        return true;
    }
}
