package dev.veil.bench.accuracy;

import dev.veil.tokenizer.detect.DetectorRegistry;
import dev.veil.tokenizer.detect.PiiType;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs Veil's default detectors over the public benchmarks in {@code shared/data/bench} and prints
 * precision, recall and F2 per type next to Presidio's published figures, and false positives per
 * 10,000 words. Usage: {@code AccuracyReport [--errors] [DATA_DIR]}; DATA_DIR defaults to
 * {@code ../shared/data/bench} (relative to the working directory, which {@code bench/accuracy.sh}
 * sets to the repository root). Exits 2 when the data is missing: it never prints made-up numbers.
 */
public final class AccuracyReport {

    static final Path DEFAULT_DATA = Path.of("..", "shared", "data", "bench");

    private static final Target EXACT = new Target(0.98, 0.98);
    private static final Target PHONE = new Target(0.90, 0.90);
    private static final Target ADDRESS_EN = new Target(0.85, 0.85);
    private static final Target ADDRESS_ES = new Target(0.85, 0.80);

    private AccuracyReport() {}

    public static void main(String[] args) throws IOException {
        int status = run(args, new PrintStream(System.out, true, StandardCharsets.UTF_8), System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the report; returns the exit status: 0, or 2 for bad usage or missing data (nothing printed to out). */
    static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        boolean errors = false;
        Path data = DEFAULT_DATA;
        for (String arg : args) {
            if (arg.equals("--errors")) {
                errors = true;
            } else if (arg.startsWith("-")) {
                err.println("usage: AccuracyReport [--errors] [DATA_DIR]  (unknown option: " + arg + ")");
                return 2;
            } else {
                data = Path.of(arg);
            }
        }
        Path synth = data.resolve("presidio-research/synth_dataset_v2.json");
        Path published = data.resolve("presidio-research/published_results.txt");
        Path meddocan = data.resolve("meddocan");
        Path pyap = data.resolve("address_examples_pyap.txt");
        List<Path> missing = new ArrayList<>();
        for (Path required : List.of(synth, published, meddocan, pyap)) {
            if (!Files.exists(required)) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            err.println("accuracy: benchmark data not found: " + missing);
            err.println("accuracy: pass the directory holding presidio-research/, meddocan/ and "
                    + "address_examples_pyap.txt (default " + DEFAULT_DATA + ", relative to the repository root); "
                    + "no figures were computed");
            return 2;
        }
        report(List.of(presidio(synth), meddocan(meddocan), pyap(pyap)), PublishedFigures.read(published), errors, out);
        return 0;
    }

    static void report(List<SetSpec> specs, PublishedFigures published, boolean errors, PrintStream out) {
        DetectorRegistry registry = DetectorRegistry.defaults();
        ReportPrinter printer = new ReportPrinter(out, published);
        List<SetResult> results = new ArrayList<>();
        for (SetSpec spec : specs) {
            SetResult result = Scorer.score(spec.dataset(), registry::detect);
            results.add(result);
            if (errors) {
                printer.printMisses(result);
            }
            printer.printSet(spec, result);
        }
        out.println("### False positives per 10,000 words");
        out.println();
        printer.printFalsePositives(results);
    }

    private static SetSpec presidio(Path file) throws IOException {
        return new SetSpec(PresidioSynthReader.read(file),
                Map.of(PiiType.CARD_NUMBER, EXACT, PiiType.EMAIL, EXACT, PiiType.IBAN, EXACT, PiiType.US_SSN, EXACT,
                        PiiType.IP_ADDRESS, EXACT, PiiType.PHONE, PHONE, PiiType.ADDRESS, ADDRESS_EN),
                Map.of(PiiType.CARD_NUMBER, "CREDIT_CARD", PiiType.EMAIL, "EMAIL_ADDRESS", PiiType.IBAN, "IBAN_CODE",
                        PiiType.US_SSN, "US_SSN", PiiType.IP_ADDRESS, "IP_ADDRESS", PiiType.PHONE, "PHONE_NUMBER",
                        PiiType.ADDRESS, "LOCATION", PiiType.PERSON, "PERSON"));
    }

    private static SetSpec meddocan(Path directory) throws IOException {
        return new SetSpec(MeddocanReader.read(directory),
                Map.of(PiiType.EMAIL, EXACT, PiiType.PHONE, PHONE, PiiType.ADDRESS, ADDRESS_ES), Map.of());
    }

    private static SetSpec pyap(Path file) throws IOException {
        return new SetSpec(PyapReader.read(file), Map.of(PiiType.ADDRESS, ADDRESS_EN), Map.of());
    }
}
