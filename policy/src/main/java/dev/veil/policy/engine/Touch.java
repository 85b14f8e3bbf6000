package dev.veil.policy.engine;

import static java.util.Objects.requireNonNull;

import dev.veil.policy.model.Action;
import java.util.Objects;

/**
 * One thing the engine did at one path of the input (and where the result sits in the output,
 * {@code null} when dropped; they differ when an array closed up over dropped elements): which rule ({@code fields[3]}, {@code views.senior[...]},
 * {@code default} or, for spans, the scanning rule), the action, the PII type if known, the token
 * profile if any, and a note when a fallback applied. Never a value. A value's own touch has
 * {@code span == false} and, for {@code scan}, counts the spans found; each type of span replaced in
 * it adds a touch with {@code span == true} counting that type's spans.
 *
 * <p>A value class with a record's equality and text. The engine makes one touch per value and
 * per type of span, but most callers (intake) read only the report's counts: the paths' texts are
 * made on first use, not for every touch.
 */
public final class Touch {

    private final JsonPath pathOf;
    private final JsonPath outputPathOf;
    /** The paths' texts, made on first use (a benign race: every thread makes the same text). */
    private String path;
    private String outputPath;
    private final String rule;
    private final Action action;
    private final String type;
    private final String profile;
    private final int count;
    private final boolean span;
    private final String note;

    public Touch(String path, String outputPath, String rule, Action action, String type, String profile, int count, boolean span, String note) {
        this(null, null, requireNonNull(path, "path"), outputPath, rule, action, type, profile, count, span, note);
    }

    /** A touch whose path texts are made from {@code path} and {@code outputPath} ({@code null} when dropped) when first asked for. */
    Touch(JsonPath path, JsonPath outputPath, String rule, Action action, String type, String profile, int count, boolean span, String note) {
        this(requireNonNull(path, "path"), outputPath, null, null, rule, action, type, profile, count, span, note);
    }

    private Touch(JsonPath pathOf, JsonPath outputPathOf, String path, String outputPath, String rule, Action action, String type,
            String profile, int count, boolean span, String note) {
        this.pathOf = pathOf;
        this.outputPathOf = outputPathOf;
        this.path = path;
        this.outputPath = outputPath;
        this.rule = requireNonNull(rule, "rule");
        this.action = requireNonNull(action, "action");
        this.type = type;
        this.profile = profile;
        this.count = count;
        this.span = span;
        this.note = note;
    }

    /** The input path, member names that hold personal data shown as {@code *}. */
    public String path() {
        String made = path;
        if (made == null) {
            made = pathOf.toString();
            path = made;
        }
        return made;
    }

    /** Where the result sits in the output, or {@code null} when the value was dropped. */
    public String outputPath() {
        String made = outputPath;
        if (made == null && outputPathOf != null) {
            made = outputPathOf.toString();
            outputPath = made;
        }
        return made;
    }

    public String rule() {
        return rule;
    }

    public Action action() {
        return action;
    }

    public String type() {
        return type;
    }

    public String profile() {
        return profile;
    }

    public int count() {
        return count;
    }

    public boolean span() {
        return span;
    }

    public String note() {
        return note;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Touch t && count == t.count && span == t.span && path().equals(t.path())
                && Objects.equals(outputPath(), t.outputPath()) && rule.equals(t.rule) && action == t.action
                && Objects.equals(type, t.type) && Objects.equals(profile, t.profile) && Objects.equals(note, t.note);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path(), outputPath(), rule, action, type, profile, count, span, note);
    }

    /** As a record's: {@code Touch[path=..., outputPath=..., ...]}. */
    @Override
    public String toString() {
        return "Touch[path=" + path() + ", outputPath=" + outputPath() + ", rule=" + rule + ", action=" + action + ", type=" + type
                + ", profile=" + profile + ", count=" + count + ", span=" + span + ", note=" + note + "]";
    }
}
