package dev.veil.bench;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
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
 * second of each, its MB/s, its ratio to the baseline and its ratio to the first build, with the
 * range of the per-round ratios (each round runs every build once, so a round's ratio shares its
 * load). With {@code TYPES} (comma-separated) each build runs {@code defaults().only(types)}
 * instead: the normalized view, index, those types' detectors and overlap resolution.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.veil.bench.DetectionCompare ROUNDS [TYPE[,TYPE...]] NAME=CLASSPATH...</pre>
 */
public final class DetectionCompare {

    private DetectionCompare() {}

    public static void main(String[] args) throws Exception {
        String[] types = args.length > 1 && !args[1].contains("=") ? args[1].split(",") : null;
        int firstBuild = types == null ? 1 : 2;
        if (args.length <= firstBuild) {
            System.err.println("usage: DetectionCompare ROUNDS [TYPE[,TYPE...]] NAME=CLASSPATH [NAME=CLASSPATH ...]");
            System.exit(2);
        }
        int rounds = Integer.parseInt(args[0]);
        String corpus = DetectionBenchmark.corpus(DetectionBenchmark.loadTickets());
        List<String> names = new ArrayList<>();
        List<IntSupplier> runs = new ArrayList<>();
        for (int k = firstBuild; k < args.length; k++) {
            String[] nameAndPath = args[k].split("=", 2);
            ClassLoader loader = CpuTime.build(nameAndPath[1]);
            Class<?> registryClass = loader.loadClass("dev.veil.tokenizer.detect.DetectorRegistry");
            Object registry = registryClass.getMethod("defaults").invoke(null);
            if (types != null) {
                Method of = loader.loadClass("dev.veil.tokenizer.detect.PiiType").getMethod("of", String.class);
                List<Object> only = new ArrayList<>();
                for (String type : types) {
                    only.add(of.invoke(null, type));
                }
                registry = registryClass.getMethod("only", Collection.class).invoke(registry, only);
            }
            Object built = registry;
            Method detect = registryClass.getMethod("detect", String.class);
            names.add(nameAndPath[0]);
            runs.add(() -> {
                try {
                    return ((List<?>) detect.invoke(built, corpus)).size();
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
            List<Double> ratios = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                ratios.add(results.get(k).get(round) / results.get(0).get(round));
            }
            Collections.sort(ratios);
            double median = CpuTime.median(sorted);
            System.out.printf("%-14s %8.2f ops/cpu-s (min %.2f, max %.2f)  %7.2f MB/s  ratio to \\d %.4f"
                            + "  ratio to %s %.2f (rounds %.2f to %.2f)%n",
                    names.get(k), median, sorted.get(0), sorted.get(sorted.size() - 1), median * megabytes,
                    median / baseline, names.get(0), CpuTime.median(ratios), ratios.get(0), ratios.get(rounds - 1));
        }
    }

}
