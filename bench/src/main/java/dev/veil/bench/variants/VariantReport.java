package dev.veil.bench.variants;

import dev.veil.tokenizer.detect.DetectorRegistry;
import dev.veil.tokenizer.detect.Span;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints the recall of Veil's default detectors per variant family (and per type) on cases from
 * {@link Variants}, and how many decoys of each family were flagged. Usage:
 * {@code VariantReport [--errors] [SEED [CASES_PER_CELL]]} ({@code --errors} also lists every missed
 * value and flagged decoy); {@code bench/variants.sh} runs it.
 */
public final class VariantReport {

    static final long DEFAULT_SEED = 20261129L;
    static final int DEFAULT_PER_CELL = 200;

    private VariantReport() {}

    public static void main(String[] args) {
        boolean errors = args.length > 0 && args[0].equals("--errors");
        int first = errors ? 1 : 0;
        long seed = args.length > first ? Long.parseLong(args[first]) : DEFAULT_SEED;
        int perCell = args.length > first + 1 ? Integer.parseInt(args[first + 1]) : DEFAULT_PER_CELL;
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        List<String> misses = new ArrayList<>();
        print(run(new Variants(seed).generate(perCell), DetectorRegistry.defaults(), misses), seed, perCell, out);
        if (errors) {
            out.println();
            out.println("Missed values and flagged decoys (" + misses.size() + "), line breaks shown as \\n:");
            misses.forEach(out::println);
        }
    }

    /**
     * Counts per family (caught and total per type, decoys flagged and total); adds a line per missed
     * value or flagged decoy to {@code misses}.
     */
    static Map<String, Map<String, int[]>> run(List<Variants.Case> cases, DetectorRegistry registry, List<String> misses) {
        Map<String, Map<String, int[]>> table = new LinkedHashMap<>();
        for (Variants.Case c : cases) {
            List<Span> spans = registry.detect(c.text());
            boolean[] covered = new boolean[c.text().length()];
            for (Span span : spans) {
                for (int i = span.start(); i < span.end(); i++) {
                    covered[i] = true;
                }
            }
            boolean all = true;
            boolean any = false;
            for (int i = 0; i < covered.length; i++) {
                if (c.secret()[i]) {
                    all &= covered[i];
                    any |= covered[i];
                }
            }
            int[] cell = table.computeIfAbsent(c.family(), f -> new LinkedHashMap<>())
                    .computeIfAbsent(c.kind() == Variants.Kind.DECOY ? "DECOY" : c.type(), t -> new int[2]);
            cell[1]++;
            boolean counted = c.kind() == Variants.Kind.DECOY ? any : all;
            if (counted) {
                cell[0]++;
            }
            if (counted == (c.kind() == Variants.Kind.DECOY)) {
                StringBuilder found = new StringBuilder();
                for (Span span : spans) {
                    found.append(' ').append(span.type().name()).append('[')
                            .append(c.text(), span.start(), span.end()).append(']');
                }
                misses.add(c.family() + " " + c.type() + ": " + c.text().replace("\r", "\\r").replace("\n", "\\n")
                        + " ->" + (found.length() == 0 ? " nothing" : found.toString().replace("\r", "\\r").replace("\n", "\\n")));
            }
        }
        return table;
    }

    static void print(Map<String, Map<String, int[]>> table, long seed, int perCell, PrintStream out) {
        out.println("Variant families (seed " + seed + ", " + perCell + " cases per family and type): recall = values"
                + " whose every character was inside a detected span; decoys = decoys with any character inside one.");
        out.println();
        out.println("| Family | Recall (all types) | Per type | Decoys flagged |");
        out.println("|---|---:|---|---:|");
        for (Map.Entry<String, Map<String, int[]>> row : table.entrySet()) {
            int caught = 0;
            int total = 0;
            StringBuilder perType = new StringBuilder();
            String decoys = "—";
            for (Map.Entry<String, int[]> cell : row.getValue().entrySet()) {
                int[] v = cell.getValue();
                if (cell.getKey().equals("DECOY")) {
                    decoys = v[0] + " / " + v[1];
                    continue;
                }
                caught += v[0];
                total += v[1];
                if (perType.length() > 0) {
                    perType.append(", ");
                }
                perType.append(cell.getKey()).append(' ').append(String.format("%.2f", (double) v[0] / v[1]));
            }
            out.println("| " + row.getKey() + " | " + (total == 0 ? "—" : String.format("%.3f", (double) caught / total))
                    + " | " + perType + " | " + decoys + " |");
        }
    }
}
