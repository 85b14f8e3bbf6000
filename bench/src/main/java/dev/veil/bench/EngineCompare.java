package dev.veil.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * The policy engine of several builds side by side in one JVM, by CPU time (as
 * {@link DetectionCompare} does for detection): each build's engine, compiler and detectors come
 * from its own class path; {@link EngineRun} is defined again in each build's class loader, and
 * the builds take turns in slots of this thread's CPU time applying the example Acme policy to the
 * example Zendesk ticket ({@code ticket}) or to the same ticket grown to about 1 MiB as
 * {@link PolicyEngineBenchmark} grows it ({@code large}: its comments repeated; {@code distinct}:
 * each copy's texts made different, so that no text recurs). Prints each build's median microseconds of CPU per
 * ticket, min and max over the rounds, and its ratio to the first build. Refuses to compare builds
 * whose reports differ.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.veil.bench.EngineCompare ticket|large|distinct ROUNDS NAME=CLASSPATH...</pre>
 */
public final class EngineCompare {

    private EngineCompare() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3 || !(args[0].equals("ticket") || args[0].equals("large") || args[0].equals("distinct"))) {
            System.err.println("usage: EngineCompare ticket|large|distinct ROUNDS NAME=CLASSPATH [NAME=CLASSPATH ...]");
            System.exit(2);
        }
        boolean large = !args[0].equals("ticket");
        int rounds = Integer.parseInt(args[1]);
        String policy = PolicyEngineBenchmark.resource("acme.yaml");
        byte[] ticket = PolicyEngineBenchmark.resource("zendesk-en.json").getBytes(StandardCharsets.UTF_8);
        if (large) {
            ticket = PolicyEngineBenchmark.grow(ticket, args[0].equals("distinct"));
        }
        long slot = large ? 3_000_000_000L : 1_000_000_000L;
        List<String> names = new ArrayList<>();
        List<IntSupplier> runs = new ArrayList<>();
        String firstReport = null;
        for (int k = 2; k < args.length; k++) {
            String[] nameAndPath = args[k].split("=", 2);
            ClassLoader build = CpuTime.build(nameAndPath[1]);
            Class<?> runClass = new RunLoader(build).loadClass(EngineRun.class.getName());
            Object run = runClass.getConstructor(String.class, byte[].class).newInstance(policy, ticket);
            String report = (String) runClass.getMethod("report").invoke(run);
            if (firstReport == null) {
                firstReport = report;
            } else if (!firstReport.equals(report)) {
                throw new IllegalStateException(nameAndPath[0] + ": its report differs from the first build's");
            }
            names.add(nameAndPath[0]);
            runs.add((IntSupplier) run);
        }
        System.out.printf("%s: %d bytes, reports agree%n", args[0], ticket.length);
        for (IntSupplier run : runs) {
            CpuTime.opsPerSecond(run, 3 * slot); // warm-up
        }
        List<List<Double>> results = new ArrayList<>();
        runs.forEach(run -> results.add(new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < runs.size(); k++) {
                results.get(k).add(1e9 / CpuTime.opsPerSecond(runs.get(k), slot)); // nanoseconds per op
            }
        }
        double first = CpuTime.median(results.get(0));
        for (int k = 0; k < runs.size(); k++) {
            List<Double> sorted = new ArrayList<>(results.get(k));
            Collections.sort(sorted);
            double median = CpuTime.median(sorted);
            System.out.printf("%-10s %12.1f us cpu/op (min %.1f, max %.1f)  ratio to %s %.3f%n", names.get(k), median / 1e3,
                    sorted.get(0) / 1e3, sorted.get(sorted.size() - 1) / 1e3, names.get(0), median / first);
        }
    }

    /** Defines {@link EngineRun} from this jar's bytes, resolving everything else in one build. */
    private static final class RunLoader extends ClassLoader {

        RunLoader(ClassLoader build) {
            super(build);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(EngineRun.class.getName())) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    byte[] bytes;
                    try (InputStream in = EngineCompare.class.getResourceAsStream("EngineRun.class")) {
                        bytes = in.readAllBytes();
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                    loaded = defineClass(name, bytes, 0, bytes.length);
                }
                return loaded;
            }
        }
    }
}
