package dev.veil.bench.accuracy;

import dev.veil.tokenizer.detect.PiiType;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Prints scored data sets as Markdown tables, and on request every scoring error in context. */
public final class ReportPrinter {

    private static final int CONTEXT = 30;

    private final PrintStream out;
    private final PublishedFigures published;

    public ReportPrinter(PrintStream out, PublishedFigures published) {
        this.out = out;
        this.published = published;
    }

    /** One table per set: per scored type, Veil's counts and figures beside Presidio's and the target. */
    public void printSet(SetSpec spec, SetResult result) {
        out.println("### " + result.name());
        out.println();
        out.println("| Veil type (annotation labels) | Annotated | Detected | Matched | Precision | Recall | F2 "
                + "| Coverage | Presidio P / R / F2 | Target P / R | Met |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---|---|---|");
        for (Map.Entry<PiiType, Counts> entry : result.counts().entrySet()) {
            PiiType type = entry.getKey();
            Counts counts = entry.getValue();
            Optional<PublishedFigures.Figures> presidio = Optional.ofNullable(spec.presidioEntities().get(type))
                    .flatMap(published::of);
            Target target = spec.targets().get(type);
            out.println("| " + type + " (" + labels(spec.dataset(), type) + ") | " + counts.gold() + " | "
                    + counts.predicted() + " | " + counts.matched() + " | " + fixed(counts.precision()) + " | "
                    + fixed(counts.recall()) + " | " + fixed(counts.f2()) + " | " + fixed(counts.coverage()) + " | "
                    + presidio.map(f -> fixed(f.precision()) + " / " + fixed(f.recall()) + " / " + fixed(f.f2()))
                            .orElse("—")
                    + " | " + (target == null ? "—" : fixed(target.minPrecision()) + " / " + fixed(target.minRecall()))
                    + " | " + (target == null ? "—" : target.metBy(counts) ? "yes" : "no") + " |");
        }
        out.println();
    }

    /** One row per set: words, detections and those overlapping no annotation, per 10,000 words. */
    public void printFalsePositives(List<SetResult> results) {
        out.println("| Data set | Words | Veil detections (all types) | Overlapping no annotation | Per 10,000 words |");
        out.println("|---|---:|---:|---:|---:|");
        for (SetResult result : results) {
            out.println("| " + result.name() + " | " + result.words() + " | " + result.detections() + " | "
                    + result.unannotated() + " | " + String.format(Locale.ROOT, "%.1f", result.unannotatedPer10kWords()) + " |");
        }
        out.println();
    }

    /** Every error of {@code result}, with a little text either side; for developers, not for the report. */
    public void printMisses(SetResult result) {
        for (Miss miss : result.misses()) {
            String text = miss.document().text();
            String before = text.substring(Math.max(0, miss.start() - CONTEXT), miss.start());
            String after = text.substring(miss.end(), Math.min(text.length(), miss.end() + CONTEXT));
            out.println(miss.kind() + " " + miss.type() + " " + miss.document().id() + ": " + flat(before) + "[["
                    + flat(text.substring(miss.start(), miss.end())) + "]]" + flat(after));
        }
    }

    static String fixed(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String labels(Dataset dataset, PiiType type) {
        return dataset.mapping().entrySet().stream()
                .filter(e -> e.getValue().equals(type))
                .map(Map.Entry::getKey)
                .collect(Collectors.joining(", "));
    }

    private static String flat(String text) {
        return text.replace("\n", "\\n").replace("|", "\\|");
    }
}
