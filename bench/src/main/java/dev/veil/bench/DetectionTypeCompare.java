package dev.veil.bench;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Detection speed of some types' detectors in several builds, side by side in one JVM by thread
 * CPU time, as {@link DetectionCompare} does for all of them: each build's
 * {@code DetectorRegistry.defaults().only(types)} (normalized view, index, those detectors and
 * overlap resolution) takes turns in one-second slots over the {@link DetectionBenchmark} corpus.
 * Prints each build's median ops per CPU second and its ratio to the first build, with the range
 * of the per-round ratios (each round runs every build once, so a round's ratio shares its load).
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.veil.bench.DetectionTypeCompare ROUNDS TYPE[,TYPE...] NAME=CLASSPATH...</pre>
 */
public final class DetectionTypeCompare {

    private DetectionTypeCompare() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: DetectionTypeCompare ROUNDS TYPE[,TYPE...] NAME=CLASSPATH [NAME=CLASSPATH ...]");
            System.exit(2);
        }
        int rounds = Integer.parseInt(args[0]);
        String corpus = DetectionBenchmark.corpus(DetectionBenchmark.loadTickets());
        List<String> names = new ArrayList<>();
        List<IntSupplier> runs = new ArrayList<>();
        for (int k = 2; k < args.length; k++) {
            String[] nameAndPath = args[k].split("=", 2);
            ClassLoader loader = CpuTime.build(nameAndPath[1]);
            Class<?> registryClass = loader.loadClass("dev.veil.tokenizer.detect.DetectorRegistry");
            Method of = loader.loadClass("dev.veil.tokenizer.detect.PiiType").getMethod("of", String.class);
            List<Object> types = new ArrayList<>();
            for (String type : args[1].split(",")) {
                types.add(of.invoke(null, type));
            }
            Object registry = registryClass.getMethod("only", Collection.class)
                    .invoke(registryClass.getMethod("defaults").invoke(null), types);
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
        double megabytes = DetectionBenchmark.CORPUS_CHARS / 1_000_000.0;
        for (int k = 0; k < runs.size(); k++) {
            List<Double> ratios = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                ratios.add(results.get(k).get(round) / results.get(0).get(round));
            }
            Collections.sort(ratios);
            double median = CpuTime.median(results.get(k));
            System.out.printf("%-14s %8.2f ops/cpu-s  %7.2f MB/s  ratio to %s %.2f (rounds %.2f to %.2f)%n", names.get(k),
                    median, median * megabytes, names.get(0), CpuTime.median(ratios), ratios.get(0), ratios.get(rounds - 1));
        }
    }

}
