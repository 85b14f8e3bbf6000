package dev.veil.bench;

import dev.veil.tokenizer.detect.DetectorRegistry;
import dev.veil.tokenizer.detect.PiiType;
import dev.veil.tokenizer.detect.PreparedText;
import dev.veil.tokenizer.detect.Span;
import dev.veil.tokenizer.detect.TextIndex;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Where one registry call's CPU time goes on the {@link DetectionBenchmark} corpus, type by type,
 * measured by this thread's CPU time rather than read from a profile: on this code JFR's leaf frames
 * name methods that a count shows cannot cost what they are charged (see the round 8 detection
 * section of {@code docs/performance-history.md}). Each operation times {@link TextIndex#of} alone,
 * then runs the registry of each type ({@code defaults().only(type)}, in the registry's order) over
 * one shared {@link PreparedText}, as one registry call shares its index: the first type asked
 * builds that index (its figure is given less the index's), and the first digit-led type reads the
 * digit groups every later one shares. The whole registry is timed in the same operation.
 *
 * <p>With {@code --without-spans} it times the same corpus with the letters and digits of every span
 * the registry finds in it replaced ({@code q} and {@code x}; see {@link #withoutSpans}): what detection
 * costs where a text holds no personal data, beside what the values themselves cost on this corpus.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.veil.bench.DetectionBreakdown [OPERATIONS] [--without-spans]</pre>
 */
public final class DetectionBreakdown {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private DetectionBreakdown() {}

    /**
     * {@code text} with the letters (and {@code @}, which would leave an address of {@code q}s) of every
     * span {@code registry} finds in it made {@code q}, and its digits {@code x}.
     */
    static String withoutSpans(String text, DetectorRegistry registry) {
        char[] chars = text.toCharArray();
        for (Span span : registry.detect(text)) {
            for (int i = span.start(); i < span.end(); i++) {
                char c = chars[i];
                chars[i] = Character.isDigit(c) ? 'x' : Character.isLetter(c) || c == '@' ? 'q' : c;
            }
        }
        return new String(chars);
    }

    public static void main(String[] args) {
        int operations = 3000;
        boolean withoutSpans = false;
        for (String arg : args) {
            if (arg.equals("--without-spans")) {
                withoutSpans = true;
            } else if (arg.matches("[1-9][0-9]{0,8}")) {
                operations = Integer.parseInt(arg);
            } else {
                System.err.println("DetectionBreakdown: " + arg + ": expected a number of operations or --without-spans");
                System.exit(2);
            }
        }
        DetectorRegistry whole = DetectorRegistry.defaults();
        String corpus = DetectionBenchmark.corpus(DetectionBenchmark.loadTickets());
        if (withoutSpans) {
            corpus = withoutSpans(corpus, whole);
            System.out.printf("corpus without its spans: %d spans left%n", whole.detect(corpus).size());
        }
        List<PiiType> types = new ArrayList<>(whole.types());
        List<DetectorRegistry> single = new ArrayList<>();
        for (PiiType type : types) {
            single.add(whole.only(List.of(type)));
        }
        long[] byType = new long[types.size()];
        long index = 0;
        long all = 0;
        int warmUp = operations / 3;
        long sink = 0;
        for (int op = 0; op < operations; op++) {
            boolean counted = op >= warmUp;
            long start = THREADS.getCurrentThreadCpuTime();
            sink += TextIndex.of(corpus).wordCount();
            long end = THREADS.getCurrentThreadCpuTime();
            index += counted ? end - start : 0;
            PreparedText text = PreparedText.of(corpus);
            for (int k = 0; k < types.size(); k++) {
                start = end;
                sink += single.get(k).detect(text).size();
                end = THREADS.getCurrentThreadCpuTime();
                byType[k] += counted ? end - start : 0;
            }
            start = end;
            sink += whole.detect(corpus).size();
            end = THREADS.getCurrentThreadCpuTime();
            all += counted ? end - start : 0;
        }
        double ms = 1e6 * (operations - warmUp);
        byType[0] -= index; // the first type asked built the shared index
        long sum = index;
        for (long time : byType) {
            sum += time;
        }
        if (sink == Long.MIN_VALUE) {
            System.out.print(""); // keeps the results alive
        }
        System.out.printf("whole registry %8.3f ms/op  %7.2f MB/s%n", all / ms, DetectionBenchmark.CORPUS_CHARS / (all / ms) / 1000.0);
        System.out.printf("sum of parts   %8.3f ms/op%n", sum / ms);
        System.out.printf("%-14s %8.3f ms/op  %5.1f %%%n", "index", index / ms, 100.0 * index / sum);
        for (int k = 0; k < types.size(); k++) {
            System.out.printf("%-14s %8.3f ms/op  %5.1f %%%n", types.get(k), byType[k] / ms, 100.0 * byType[k] / sum);
        }
    }
}
