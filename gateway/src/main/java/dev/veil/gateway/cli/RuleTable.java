package dev.veil.gateway.cli;

import dev.veil.policy.compile.CompiledPolicy;
import dev.veil.policy.engine.SanitizeReport;
import dev.veil.policy.engine.Touch;
import dev.veil.policy.model.FieldRule;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The table {@code veil policy preview} prints: per rule, how many values it matched and what scan found. */
final class RuleTable {

    private static final int DEFAULT_PATHS_SHOWN = 4;
    private static final String SAFETY_NET = "safety net";
    private static final String PII_KEYS = "pii_keys";

    private RuleTable() {}

    static void print(PrintWriter out, CompiledPolicy policy, String view, SanitizeReport report) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (FieldRule rule : policy.spec().fields()) {
            rows.put(rule.at().keyPath(), new Row(rule.at().keyPath(), rule.path().text(), rule.action().yamlName()));
        }
        if (view != null) {
            for (FieldRule rule : policy.spec().views().get(view).rules()) {
                rows.put(rule.at().keyPath(), new Row(rule.at().keyPath(), rule.path().text(), rule.action().yamlName()));
            }
        }
        // rows that exist only when the engine used them: the safety net under subtree keeps, and member names replaced
        if (report.touched().stream().anyMatch(t -> t.rule().equals(SAFETY_NET))) {
            rows.put(SAFETY_NET, new Row(SAFETY_NET, "(values under a keep of a whole subtree)", "scan"));
        }
        if (report.touched().stream().anyMatch(t -> t.rule().equals(PII_KEYS))) {
            rows.put(PII_KEYS, new Row(PII_KEYS, "(member names holding personal data)", "replace"));
        }
        Row fallback = new Row("default", "(values no rule names)", policy.unknownFields().name().toLowerCase(java.util.Locale.ROOT));
        rows.put("default", fallback);
        for (Touch touch : report.touched()) {
            Row row = rows.get(touch.rule());
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
                if ((row == fallback || net && !row.paths.contains(touch.path())) && row.paths.size() < DEFAULT_PATHS_SHOWN) {
                    row.paths.add(touch.path());
                }
            }
        }
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"RULE", "SELECTOR", "ACTION", "VALUES", "DETAIL"});
        for (Row row : rows.values()) {
            lines.add(new String[] {row.rule, row.selector, row.action, Integer.toString(row.values), row.detail()});
        }
        int[] widths = new int[4];
        for (String[] line : lines) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        for (String[] line : lines) {
            StringBuilder text = new StringBuilder();
            text.append(pad(line[0], widths[0])).append("  ").append(pad(line[1], widths[1])).append("  ")
                    .append(pad(line[2], widths[2])).append("  ").append(padLeft(line[3], widths[3]));
            if (!line[4].isEmpty()) {
                text.append("  ").append(line[4]);
            }
            out.println(text.toString().stripTrailing());
        }
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }

    private static String padLeft(String text, int width) {
        return " ".repeat(width - text.length()) + text;
    }

    /** One line of the table. */
    private static final class Row {

        final String rule;
        final String selector;
        final String action;
        int values;
        /** Spans found by scan: (type, what was done) to count. */
        final Map<List<String>, Integer> found = new LinkedHashMap<>();
        final Set<String> notes = new LinkedHashSet<>();
        final List<String> paths = new ArrayList<>();

        Row(String rule, String selector, String action) {
            this.rule = rule;
            this.selector = selector;
            this.action = action;
        }

        String detail() {
            List<String> parts = new ArrayList<>();
            if (values == 0) {
                parts.add("matched nothing in this document");
            }
            found.forEach((key, count) -> parts.add(key.get(0) + " x" + count + " " + key.get(1)));
            parts.addAll(notes);
            if (!paths.isEmpty()) {
                parts.add(String.join(", ", paths) + (values > paths.size() ? ", ..." : ""));
            }
            return String.join("; ", parts);
        }
    }
}
