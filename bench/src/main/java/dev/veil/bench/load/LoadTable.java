package dev.veil.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the load benchmark's one table from the {@code RESULT|...} lines that the {@code wrk}
 * script and {@link FixedRate} wrote: requests per second, p50, p99 and p99.9, errors, and each
 * Veil case as a ratio to nginx and to the direct run with the same body (for fixed-rate rows: the
 * p99 that Veil adds to them), and for each Veil case with a {@code CPU|...} line the Veil process's
 * CPU time per completed request and the JIT compiler threads' share of it; below the table, for each
 * case with a {@code PAUSES|...} line ({@link SafepointPauses}), how long Veil's JVM stood still
 * during its measured run. Exits 1 if any case had
 * errors (replayed deliveries included), 2 on unreadable input.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.veil.bench.load.LoadTable RESULTS_FILE</pre>
 */
public final class LoadTable {

    /** One measured case; latencies in microseconds. */
    record Row(String name, String load, long requests, double seconds, long p50, long p99, long p999, long errors, long replayed) {

        double rate() {
            return seconds <= 0 ? 0 : requests / seconds;
        }

        static Row parse(String line) {
            String[] f = line.split("\\|", -1);
            if (f.length != 10 || !f[0].equals("RESULT")) {
                throw new IllegalArgumentException("not a RESULT line with 10 fields");
            }
            return new Row(f[1], f[2], Long.parseLong(f[3]), Double.parseDouble(f[4]), Math.round(Double.parseDouble(f[5])),
                    Math.round(Double.parseDouble(f[6])), Math.round(Double.parseDouble(f[7])), Long.parseLong(f[8]), Long.parseLong(f[9]));
        }
    }

    /**
     * The Veil process's CPU time over one case's measured run, in clock ticks ({@code hz} a second):
     * all its threads, and the JIT compiler threads alone. Unlike requests per second it hardly moves
     * with other load on the machine, so builds are compared by it.
     */
    record Cpu(String name, long ticks, long jitTicks, long hz) {

        static Cpu parse(String line) {
            String[] f = line.split("\\|", -1);
            if (f.length != 5 || !f[0].equals("CPU")) {
                throw new IllegalArgumentException("not a CPU line with 5 fields");
            }
            Cpu cpu = new Cpu(f[1], Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]));
            if (cpu.ticks < 0 || cpu.jitTicks < 0 || cpu.hz <= 0) {
                throw new IllegalArgumentException("a CPU line with negative ticks or no clock rate");
            }
            return cpu;
        }

        /** Milliseconds of CPU per request of {@code row}, or NaN without requests. */
        double msPerRequest(Row row) {
            return row.requests() == 0 ? Double.NaN : ticks * 1000.0 / hz / row.requests();
        }

        /** The cores Veil kept busy over {@code row}'s measured run, or 0 without a duration. */
        double cores(Row row) {
            return row.seconds() <= 0 ? 0 : ticks / (double) hz / row.seconds();
        }

        double jitShare() {
            return ticks == 0 ? 0 : (double) jitTicks / ticks;
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: LoadTable RESULTS_FILE");
            System.exit(2);
        }
        List<Row> rows = new ArrayList<>();
        Map<String, Cpu> cpu = new LinkedHashMap<>();
        List<SafepointPauses.Summary> pauses = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            try {
                if (line.startsWith("RESULT|")) {
                    rows.add(Row.parse(line.trim()));
                } else if (line.startsWith("CPU|")) {
                    Cpu c = Cpu.parse(line.trim());
                    cpu.put(c.name(), c);
                } else if (line.startsWith("PAUSES|")) {
                    pauses.add(SafepointPauses.Summary.parse(line.trim()));
                }
            } catch (IllegalArgumentException e) {
                System.err.println("load: unreadable result line: " + e.getMessage());
                System.exit(2);
            }
        }
        boolean clean = print(rows, cpu, Runtime.getRuntime().availableProcessors(), System.out);
        pauses.forEach(p -> System.out.println(pauseLine(p)));
        System.exit(clean ? 0 : 1);
    }

    /** What a collector (or any other safepoint) took from a case's measured run. */
    static String pauseLine(SafepointPauses.Summary p) {
        long longMs = SafepointPauses.LONG_MICROS / 1000;
        String line = String.format(Locale.ROOT, "%s: Veil's JVM stood still %d times in the measured run, %.1f ms in all, the longest %.1f ms;"
                        + " %d over %d ms (safepoints: collector pauses and other stops)",
                p.name(), p.count(), p.totalMicros() / 1000.0, p.maxMicros() / 1000.0, p.longCount(), longMs);
        if (p.slowest() == 0) {
            return line;
        }
        return line + String.format(Locale.ROOT, "; of its slowest 1 %% (%d requests), %d were in flight during a stop over %d ms,"
                + " %d without one", p.slowest(), p.slowestInLongStops(), longMs,
                p.slowest() - p.slowestInLongStops());
    }

    /**
     * Prints the table, with the CPU time per request of the cases in {@code cpu}, and a warning for
     * each case whose Veil used more CPU over its measured run than a machine of {@code cores} has:
     * its CPU time and its requests did not cover the same stretch (wrk counted requests outside its
     * duration, as before round 18, or slow requests left in flight at the end of a short run took
     * CPU time that no counted request did). Returns whether every case ran without errors.
     */
    static boolean print(List<Row> rows, Map<String, Cpu> cpu, int cores, PrintStream out) {
        Map<String, Row> byName = new LinkedHashMap<>();
        rows.forEach(r -> byName.put(r.name(), r));
        out.printf(Locale.ROOT, "| %-22s | %9s | %9s | %8s | %8s | %8s | %7s | %-14s | %-14s | %10s | %5s |%n",
                "case", "load", "req/s", "p50 ms", "p99 ms", "p99.9 ms", "errors", "vs nginx", "vs direct", "cpu ms/req", "jit %");
        out.println("|------------------------|----------:|----------:|---------:|---------:|---------:|--------:|----------------|----------------|-----------:|------:|");
        boolean clean = true;
        for (Row r : rows) {
            String vsNginx = "";
            String vsDirect = "";
            if (r.name().startsWith("veil-")) {
                String size = size(r.name());
                vsNginx = ratio(r, byName.get("nginx-" + size));
                vsDirect = ratio(r, byName.get("direct-" + size));
            } else if (r.name().startsWith("fixed-veil")) {
                vsNginx = added(r, byName.get("fixed-nginx"));
                vsDirect = added(r, byName.get("fixed-direct"));
            }
            long errors = r.errors() + r.replayed();
            clean &= errors == 0;
            Cpu c = cpu.get(r.name());
            String perRequest = c == null || r.requests() == 0 ? "" : String.format(Locale.ROOT, "%.3f", c.msPerRequest(r));
            String jit = c == null ? "" : String.format(Locale.ROOT, "%.0f", 100 * c.jitShare());
            out.printf(Locale.ROOT, "| %-22s | %9s | %,9.0f | %8.2f | %8.2f | %8.2f | %7d | %-14s | %-14s | %10s | %5s |%n", r.name(), r.load(),
                    r.rate(), r.p50() / 1000.0, r.p99() / 1000.0, r.p999() / 1000.0, errors, vsNginx, vsDirect, perRequest, jit);
        }
        for (Row r : rows) {
            Cpu c = cpu.get(r.name());
            double used = c == null ? 0 : c.cores(r);
            if (used > cores * 1.05) {
                out.printf(Locale.ROOT, "load: %s: Veil used %.2f cores over the measured run's %.1f s on a machine of %d: its CPU time"
                        + " and its requests do not cover the same stretch (requests counted outside the run, or work on requests"
                        + " still in flight at its end), so its req/s or its cpu ms/req reads high%n", r.name(), used, r.seconds(), cores);
            }
        }
        if (!clean) {
            out.println("load: some cases had errors (non-2xx answers, socket errors, timeouts or replayed deliveries)");
        }
        return clean;
    }

    /** The body size a case's name ends with; cases without one (GETs) compare with the 4 KB runs. */
    static String size(String name) {
        int dash = name.lastIndexOf('-');
        String tail = dash < 0 ? "" : name.substring(dash + 1);
        return tail.matches("[0-9]+[km]") ? tail : "4k";
    }

    private static String ratio(Row r, Row base) {
        return base == null || base.rate() == 0 ? "" : String.format(Locale.ROOT, "%.2fx req/s", r.rate() / base.rate());
    }

    private static String added(Row r, Row base) {
        return base == null ? "" : String.format(Locale.ROOT, "%+.2f ms p99", (r.p99() - base.p99()) / 1000.0);
    }
}
