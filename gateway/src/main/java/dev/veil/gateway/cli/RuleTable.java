package dev.veil.gateway.cli;

import dev.veil.policy.compile.CompiledPolicy;
import dev.veil.policy.engine.SanitizeReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The table {@code veil policy preview} prints: per rule, how many values it matched and what scan found. */
final class RuleTable {

    private static final int DEFAULT_PATHS_SHOWN = 4;

    private RuleTable() {}

    static void print(PrintWriter out, CompiledPolicy policy, String view, SanitizeReport report) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"RULE", "SELECTOR", "ACTION", "VALUES", "DETAIL"});
        for (RuleTally.Row row : RuleTally.of(policy, view, report, DEFAULT_PATHS_SHOWN)) {
            lines.add(new String[] {row.rule(), row.selector(), row.action(), Integer.toString(row.values()), detail(row)});
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

    private static String detail(RuleTally.Row row) {
        List<String> parts = new ArrayList<>();
        if (row.values() == 0) {
            parts.add("matched nothing in this document");
        }
        row.found().forEach((key, count) -> parts.add(key.get(0) + " x" + count + " " + key.get(1)));
        parts.addAll(row.notes());
        if (!row.paths().isEmpty()) {
            parts.add(String.join(", ", row.paths()) + (row.values() > row.paths().size() ? ", ..." : ""));
        }
        return String.join("; ", parts);
    }
}
