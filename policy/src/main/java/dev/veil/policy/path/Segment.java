package dev.veil.policy.path;

/**
 * One step of a {@link Selector}: a member name, an array index or a wildcard, optionally preceded
 * by {@code ..} (recursive descent: matches at any depth below the previous step).
 */
public record Segment(Kind kind, String name, int index, boolean descendant) {

    /** What a segment matches. */
    public enum Kind {
        /** An object member with exactly this name. */
        NAME,
        /** An array element at exactly this position. */
        INDEX,
        /** Any object member or array element. */
        WILDCARD
    }

    static Segment name(String name, boolean descendant) {
        return new Segment(Kind.NAME, name, -1, descendant);
    }

    static Segment index(int index, boolean descendant) {
        return new Segment(Kind.INDEX, null, index, descendant);
    }

    static Segment wildcard(boolean descendant) {
        return new Segment(Kind.WILDCARD, null, -1, descendant);
    }

    /** Whether this segment matches the object member {@code key}. */
    boolean matchesKey(String key) {
        return kind == Kind.WILDCARD || (kind == Kind.NAME && name.equals(key));
    }

    /** Whether this segment matches the array element at {@code position}. */
    boolean matchesIndex(int position) {
        return kind == Kind.WILDCARD || (kind == Kind.INDEX && index == position);
    }

    /** Appends this segment in canonical selector syntax. */
    void appendTo(StringBuilder out) {
        if (descendant) {
            out.append("..");
        }
        switch (kind) {
            case WILDCARD -> out.append(descendant ? "*" : ".*");
            case INDEX -> out.append('[').append(index).append(']');
            case NAME -> {
                if (Selector.isPlainName(name)) {
                    out.append(descendant ? "" : ".").append(name);
                } else {
                    out.append("['");
                    for (int i = 0; i < name.length(); i++) {
                        char c = name.charAt(i);
                        if (c == '\'' || c == '\\') {
                            out.append('\\');
                        }
                        out.append(c);
                    }
                    out.append("']");
                }
            }
        }
    }
}
