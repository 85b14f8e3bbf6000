package dev.veil.bench;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Detection speed of several builds side by side in one JVM, for a machine too loaded for JMH's
 * wall-clock figures: each build's {@code DetectorRegistry.defaults()} is loaded from its own class
 * path (its own class loader), and the builds and a {@code \d} regex baseline take turns in
 * one-second slots of this thread's CPU time over the {@link DetectionBenchmark} corpus, so load
 * from other processes slows none of them more than the others. Prints the median ops per CPU
 * second of each, its MB/s and its ratio to the baseline.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.veil.bench.DetectionCompare ROUNDS NAME=CLASSPATH...</pre>
 */
public final class DetectionCompare {

    private DetectionCompare() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: DetectionCompare ROUNDS NAME=CLASSPATH [NAME=CLASSPATH ...]");
            System.exit(2);
        }
        int rounds = Integer.parseInt(args[0]);
        String corpus = DetectionBenchmark.corpus(DetectionBenchmark.loadTickets());
        List<String> names = new ArrayList<>();
        List<IntSupplier> runs = new ArrayList<>();
        for (int k = 1; k < args.length; k++) {
            String[] nameAndPath = args[k].split("=", 2);
            ClassLoader loader = CpuTime.build(nameAndPath[1]);
            Class<?> registryClass = loader.loadClass("dev.veil.tokenizer.detect.DetectorRegistry");
            Object registry = registryClass.getMethod("defaults").invoke(null);
            Method detect = registryClass.getMethod("detect", String.class);
            names.add(nameAndPath[0]);
            runs.add(() -> {
                try {
                    return ((List<?>) detect.invoke(registry, corpus)).size();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        Pattern digit = Pattern.compile("\\d");
        names.add("digit-regex");
        runs.add(() -> {
            Matcher matcher = digit.matcher(corpus);
            int count = 0;
            while (matcher.find()) {
                count++;
            }
            return count;
        });
        for (int k = 0; k < runs.size(); k++) {
            System.out.printf("%s: %d results%n", names.get(k), runs.get(k).getAsInt());
            CpuTime.opsPerSecond(runs.get(k), 3_000_000_000L); // warm-up
        }
        List<List<Double>> results = new ArrayList<>();
        runs.forEach(run -> results.add(new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < runs.size(); k++) {
                results.get(k).add(CpuTime.opsPerSecond(runs.get(k), 1_000_000_000L));
            }
        }
        double baseline = CpuTime.median(results.get(runs.size() - 1));
        double megabytes = DetectionBenchmark.CORPUS_CHARS / 1_000_000.0;
        for (int k = 0; k < runs.size(); k++) {
            List<Double> sorted = new ArrayList<>(results.get(k));
            Collections.sort(sorted);
            double median = CpuTime.median(sorted);
            System.out.printf("%-14s %8.2f ops/cpu-s (min %.2f, max %.2f)  %7.2f MB/s  ratio to \\d %.4f%n",
                    names.get(k), median, sorted.get(0), sorted.get(sorted.size() - 1), median * megabytes,
                    median / baseline);
        }
    }

}
