package dev.veil.gateway.cli;

import static java.util.Objects.requireNonNull;

import dev.veil.policy.compile.CompiledPolicy;
import dev.veil.policy.engine.SanitizeReport;
import dev.veil.policy.engine.Touch;
import dev.veil.policy.model.FieldRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Per rule of a policy's view, what one sanitized document made it do: the rule table that
 * {@code veil policy preview} prints and the console's policy workbench shows. Rules, selectors,
 * actions, counts, types, notes and value paths only, never a value.
 */
public final class RuleTally {

    /** The row of values no rule names. */
    public static final String DEFAULT = "default";
    private static final String SAFETY_NET = "safety net";
    private static final String PII_KEYS = "pii_keys";

    /**
     * One rule's row: {@code found} counts the spans scan found by (type, what was done), in the
     * order first found; {@code paths} are value paths shown for the default row and the safety net.
     */
    public record Row(String rule, String selector, String action, int values, Map<List<String>, Integer> found, Set<String> notes,
            List<String> paths) {}

    private RuleTally() {}

    /** The rows of {@code view} (null: the base view), in policy order, then the rows the engine alone used, then the default row. */
    public static List<Row> of(CompiledPolicy policy, String view, SanitizeReport report, int maxPaths) {
        requireNonNull(policy, "policy");
        requireNonNull(report, "report");
        Map<String, Counting> rows = new LinkedHashMap<>();
        for (FieldRule rule : policy.spec().fields()) {
            rows.put(rule.at().keyPath(), new Counting(rule.at().keyPath(), rule.path().text(), rule.action().yamlName()));
        }
        if (view != null) {
            for (FieldRule rule : policy.spec().views().get(view).rules()) {
                rows.put(rule.at().keyPath(), new Counting(rule.at().keyPath(), rule.path().text(), rule.action().yamlName()));
            }
        }
        // rows that exist only when the engine used them: the safety net under subtree keeps, and member names replaced
        if (report.touched().stream().anyMatch(t -> t.rule().equals(SAFETY_NET))) {
            rows.put(SAFETY_NET, new Counting(SAFETY_NET, "(values under a keep of a whole subtree)", "scan"));
        }
        if (report.touched().stream().anyMatch(t -> t.rule().equals(PII_KEYS))) {
            rows.put(PII_KEYS, new Counting(PII_KEYS, "(member names holding personal data)", "replace"));
        }
        Counting fallback = new Counting(DEFAULT, "(values no rule names)", policy.unknownFields().name().toLowerCase(Locale.ROOT));
        rows.put(DEFAULT, fallback);
        for (Touch touch : report.touched()) {
            Counting row = rows.get(touch.rule());
            if (row == null) {
                continue;
            }
            if (touch.span()) {
                String what = touch.action().yamlName() + (touch.profile() == null ? "" : " (" + touch.profile() + ")");
                row.found.merge(List.of(touch.type(), what), touch.count(), Integer::sum);
            } else {
                row.values++;
                if (touch.note() != null) {
                    row.notes.add(touch.note());
                }
                boolean net = row.rule.equals(SAFETY_NET);
                if ((row == fallback || net && !row.paths.contains(touch.path())) && row.paths.size() < maxPaths) {
                    row.paths.add(touch.path());
                }
            }
        }
        return rows.values().stream().map(Counting::row).toList();
    }

    /** A row while the report is counted. */
    private static final class Counting {

        final String rule;
        final String selector;
        final String action;
        int values;
        final Map<List<String>, Integer> found = new LinkedHashMap<>();
        final Set<String> notes = new LinkedHashSet<>();
        final List<String> paths = new ArrayList<>();

        Counting(String rule, String selector, String action) {
            this.rule = rule;
            this.selector = selector;
            this.action = action;
        }

        Row row() {
            return new Row(rule, selector, action, values, java.util.Collections.unmodifiableMap(found),
                    java.util.Collections.unmodifiableSet(notes), List.copyOf(paths));
        }
    }
}
