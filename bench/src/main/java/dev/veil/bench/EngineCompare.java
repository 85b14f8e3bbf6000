package dev.veil.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * The policy engine of several builds side by side in one JVM, by CPU time (as
 * {@link DetectionCompare} does for detection): each build's engine, compiler and detectors come
 * from its own class path; {@link EngineRun} is defined again in each build's class loader, and
 * the builds take turns in slots of this thread's CPU time applying the example Acme policy to the
 * example Zendesk ticket ({@code ticket}) or to the same ticket grown to about 1 MiB as
 * {@link PolicyEngineBenchmark} grows it ({@code large}: its comments repeated; {@code distinct}:
 * each copy's texts made different, so that no text recurs), or taking in the load benchmark's
 * corpus as the gateway's intake does ({@code corpus}: {@link CorpusRun}, the 4 KB tickets of
 * {@code bench/load.sh}, every shape and language, each with its brand's example policy and all
 * its views; the repository's {@code examples} directory is read from the system property
 * {@code veil.examples}, default {@code examples}). Prints each build's median microseconds of CPU
 * per ticket, min and max over the rounds, its ratio to the first build, and the bytes it allocates
 * per ticket (this thread's counter, after the rounds). Refuses to compare builds whose reports
 * differ.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.veil.bench.EngineCompare ticket|large|distinct|corpus ROUNDS NAME=CLASSPATH...</pre>
 */
public final class EngineCompare {

    /** Tickets in the {@code corpus} mode: ten of each shape and language, as {@code bench/load.sh} cycles through them. */
    private static final int CORPUS_TICKETS = 60;
    private static final int CORPUS_BYTES = 4096;
    private static final long CORPUS_FIRST_ID = 1_000_000L;
    private static final Set<String> MODES = Set.of("ticket", "large", "distinct", "corpus");

    private EngineCompare() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3 || !MODES.contains(args[0])) {
            System.err.println("usage: EngineCompare ticket|large|distinct|corpus ROUNDS NAME=CLASSPATH [NAME=CLASSPATH ...]");
            System.exit(2);
        }
        String mode = args[0];
        boolean corpus = mode.equals("corpus");
        int rounds = Integer.parseInt(args[1]);
        String policy = PolicyEngineBenchmark.resource("acme.yaml");
        byte[] ticket = PolicyEngineBenchmark.resource("zendesk-en.json").getBytes(StandardCharsets.UTF_8);
        if (mode.equals("large") || mode.equals("distinct")) {
            ticket = PolicyEngineBenchmark.grow(ticket, mode.equals("distinct"));
        }
        Corpus tickets = corpus ? Corpus.generate(Path.of(System.getProperty("veil.examples", "examples"))) : null;
        long slot = mode.equals("ticket") ? 1_000_000_000L : 3_000_000_000L;
        int perOp = corpus ? tickets.tickets.length : 1;
        List<String> names = new ArrayList<>();
        List<IntSupplier> runs = new ArrayList<>();
        String firstReport = null;
        for (int k = 2; k < args.length; k++) {
            String[] nameAndPath = args[k].split("=", 2);
            ClassLoader build = new RunLoader(CpuTime.build(nameAndPath[1]));
            Object run;
            if (corpus) {
                run = build.loadClass(CorpusRun.class.getName()).getConstructor(String[].class, String[].class, byte[][].class, int[].class)
                        .newInstance(tickets.names, tickets.policies, tickets.tickets, tickets.policyOf);
            } else {
                run = build.loadClass(EngineRun.class.getName()).getConstructor(String.class, byte[].class).newInstance(policy, ticket);
            }
            String report = (String) run.getClass().getMethod("report").invoke(run);
            if (firstReport == null) {
                firstReport = report;
            } else if (!firstReport.equals(report)) {
                throw new IllegalStateException(nameAndPath[0] + ": its report differs from the first build's");
            }
            names.add(nameAndPath[0]);
            runs.add((IntSupplier) run);
        }
        if (corpus) {
            System.out.printf("corpus: %d tickets of %d bytes (every shape and language, all views), reports agree; per ticket:%n",
                    perOp, CORPUS_BYTES);
        } else {
            System.out.printf("%s: %d bytes, reports agree%n", mode, ticket.length);
        }
        for (IntSupplier run : runs) {
            CpuTime.opsPerSecond(run, 3 * slot); // warm-up
        }
        List<List<Double>> results = new ArrayList<>();
        runs.forEach(run -> results.add(new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < runs.size(); k++) {
                results.get(k).add(1e9 / CpuTime.opsPerSecond(runs.get(k), slot) / perOp); // nanoseconds per ticket
            }
        }
        double first = CpuTime.median(results.get(0));
        for (int k = 0; k < runs.size(); k++) {
            List<Double> sorted = new ArrayList<>(results.get(k));
            Collections.sort(sorted);
            double median = CpuTime.median(sorted);
            // allocation after the timed rounds, on the warm code: what each ticket leaves for the collector
            double allocated = CpuTime.bytesPerOp(runs.get(k), corpus ? 20 : 200) / perOp;
            System.out.printf("%-10s %12.1f us cpu/op (min %.1f, max %.1f)  ratio to %s %.3f  %,.0f bytes allocated/op%n", names.get(k),
                    median / 1e3, sorted.get(0) / 1e3, sorted.get(sorted.size() - 1) / 1e3, names.get(0), median / first, allocated);
        }
    }

    /**
     * The load benchmark's 4 KB tickets ({@code TicketCorpus}, as {@code SignedRequests} cycles
     * through its shapes) and the example policy of each one's brand, generated once by this jar.
     */
    private record Corpus(String[] names, String[] policies, byte[][] tickets, int[] policyOf) {

        static Corpus generate(Path examples) throws IOException {
            List<dev.veil.bench.load.TicketCorpus> corpora = dev.veil.bench.load.TicketCorpus.all(examples.resolve("tickets"), CORPUS_FIRST_ID);
            List<String> brands = new ArrayList<>();
            List<String> policies = new ArrayList<>();
            byte[][] tickets = new byte[CORPUS_TICKETS][];
            int[] policyOf = new int[CORPUS_TICKETS];
            for (int i = 0; i < CORPUS_TICKETS; i++) {
                dev.veil.bench.load.TicketCorpus corpus = corpora.get(i % corpora.size());
                String brand = corpus.shape().brand();
                if (!brands.contains(brand)) {
                    brands.add(brand);
                    policies.add(Files.readString(examples.resolve("policies").resolve(brand + ".yaml")));
                }
                tickets[i] = corpus.ticket(CORPUS_FIRST_ID + i, CORPUS_BYTES);
                policyOf[i] = brands.indexOf(brand);
            }
            String[] names = brands.stream().map(b -> b + ".yaml").toArray(String[]::new);
            return new Corpus(names, policies.toArray(new String[0]), tickets, policyOf);
        }
    }

    /** Defines {@link EngineRun} and {@link CorpusRun} from this jar's bytes, resolving everything else in one build. */
    private static final class RunLoader extends ClassLoader {

        private static final Set<String> OWN = Set.of(EngineRun.class.getName(), CorpusRun.class.getName());

        RunLoader(ClassLoader build) {
            super(build);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!OWN.contains(name)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    byte[] bytes;
                    try (InputStream in = EngineCompare.class.getResourceAsStream(name.substring(name.lastIndexOf('.') + 1) + ".class")) {
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
