package dev.veil.bench;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * The speed of single detectors of several builds side by side in one JVM, by this thread's CPU
 * time, like {@link DetectionCompare} but one detector at a time over the {@link DetectionBenchmark}
 * corpus, so a change to one detector is not lost in the noise of the other twenty. Each operation
 * builds a fresh {@code TextIndex}, as the registry builds one per text: an index fills shared
 * readings on first ask (digit groups), so one reused across operations would time them as made. Each build's detectors are loaded from its own class path; the
 * builds take turns in short slots, and each ratio to the first build is also given per round
 * (its spread). It first checks that every build finds the same spans as the first.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.veil.bench.DetectorCompare ROUNDS PhoneDetector,IbanDetector NAME=CLASSPATH...</pre>
 */
public final class DetectorCompare {

    private static final long SLOT_NANOS = 300_000_000L;

    private DetectorCompare() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: DetectorCompare ROUNDS DETECTOR[,DETECTOR...] NAME=CLASSPATH [NAME=CLASSPATH ...]");
            System.exit(2);
        }
        int rounds = Integer.parseInt(args[0]);
        String[] detectors = args[1].split(",");
        String corpus = DetectionBenchmark.corpus(DetectionBenchmark.loadTickets());
        List<String> names = new ArrayList<>();
        List<IntSupplier[]> runs = new ArrayList<>();
        List<List<String>> spans = new ArrayList<>();
        for (int k = 2; k < args.length; k++) {
            String[] nameAndPath = args[k].split("=", 2);
            ClassLoader loader = CpuTime.build(nameAndPath[1]);
            Class<?> indexClass = loader.loadClass("dev.veil.tokenizer.detect.TextIndex");
            Method indexOf = indexClass.getMethod("of", String.class);
            Object index = indexOf.invoke(null, corpus);
            IntSupplier[] build = new IntSupplier[detectors.length];
            List<String> found = new ArrayList<>();
            for (int d = 0; d < detectors.length; d++) {
                Class<?> detectorClass = loader.loadClass("dev.veil.tokenizer.detect." + detectors[d]);
                Object detector = detectorClass.getDeclaredConstructor().newInstance();
                Method detect = detectorClass.getMethod("detect", String.class, indexClass, List.class);
                List<Object> out = new ArrayList<>();
                detect.invoke(detector, corpus, index, out);
                found.add(out.toString());
                build[d] = () -> {
                    try {
                        detect.invoke(detector, corpus, indexOf.invoke(null, corpus), new ArrayList<>());
                        return 0;
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                };
            }
            names.add(nameAndPath[0]);
            runs.add(build);
            spans.add(found);
        }
        for (int d = 0; d < detectors.length; d++) {
            for (int k = 1; k < names.size(); k++) {
                System.out.printf("%s: %s finds the same spans as %s: %s%n", detectors[d], names.get(k), names.get(0),
                        spans.get(k).get(d).equals(spans.get(0).get(d)));
            }
        }
        for (IntSupplier[] build : runs) {
            for (IntSupplier run : build) {
                CpuTime.opsPerSecond(run, 2_000_000_000L / detectors.length); // warm-up
            }
        }
        double[][][] results = new double[names.size()][detectors.length][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < names.size(); k++) {
                for (int d = 0; d < detectors.length; d++) {
                    results[k][d][round] = CpuTime.opsPerSecond(runs.get(k)[d], SLOT_NANOS);
                }
            }
        }
        double megabytes = DetectionBenchmark.CORPUS_CHARS / 1_000_000.0;
        for (int d = 0; d < detectors.length; d++) {
            for (int k = 0; k < names.size(); k++) {
                double[] ratios = new double[rounds];
                for (int round = 0; round < rounds; round++) {
                    ratios[round] = results[k][d][round] / results[0][d][round];
                }
                Arrays.sort(ratios);
                double median = CpuTime.median(results[k][d]);
                System.out.printf("%-20s %-8s %8.1f ops/cpu-s %8.1f MB/s  x%.2f of %s (per round %.2f to %.2f)%n",
                        detectors[d], names.get(k), median, median * megabytes, median / CpuTime.median(results[0][d]),
                        names.get(0), ratios[0], ratios[rounds - 1]);
            }
        }
    }

}
