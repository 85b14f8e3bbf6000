package dev.veil.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long Veil's JVM stood still during one case's measured run: reads a safepoint log written
 * with {@code -Xlog:safepoint:file=F:timemillis} and prints one {@code PAUSES|...} line for
 * {@link LoadTable} with the safepoints that ended between FROM_MS and TO_MS (milliseconds since
 * the epoch): how many, their total and the longest, in microseconds, and how many took over 2 ms.
 * Every collector's pauses are safepoints, so this is what its pauses add to the case's tail; it
 * moves less with other load on the machine than the case's latency does. A concurrent collector's
 * marking, which takes a core from the request threads without stopping them, is not in it.
 *
 * <p>Given the case's trace ({@link FixedRate} with {@code VEIL_FIXED_TRACE}: each request's due
 * time and latency), it also counts how many of the slowest 1 % of the requests were in flight
 * while one of those stops over 2 ms lasted: the share of the tail the stops can explain. The rest
 * were slow for another reason (in round 14, mostly a group force of the write-ahead log that took
 * over 10 ms), which a reading of the pauses alone would miss.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.veil.bench.load.SafepointPauses LOG NAME FROM_MS TO_MS [TRACE]</pre>
 */
public final class SafepointPauses {

    /** A pause longer than this is one the intake's p99 target (2 ms added) cannot absorb. */
    static final long LONG_MICROS = 2_000;
    /** {@code [1764546666123ms] Safepoint "G1CollectForAllocation", ... Total: 30586387 ns}. */
    private static final Pattern LINE = Pattern.compile("^\\[(\\d+)ms\\] Safepoint \"[^\"]*\",.* Total: (\\d+) ns");

    private SafepointPauses() {}

    /**
     * The pauses of one window, durations in microseconds; and, when a trace was read, the number of
     * its slowest 1 % of requests and how many of them overlap a stop over {@link #LONG_MICROS}
     * (both 0 without a trace).
     */
    record Summary(String name, long count, long totalMicros, long maxMicros, long longCount, long slowest,
            long slowestInLongStops) {

        String line() {
            return "PAUSES|" + name + "|" + count + "|" + totalMicros + "|" + maxMicros + "|" + longCount + "|" + slowest
                    + "|" + slowestInLongStops;
        }

        static Summary parse(String line) {
            String[] f = line.split("\\|", -1);
            if (f.length != 8 || !f[0].equals("PAUSES")) {
                throw new IllegalArgumentException("not a PAUSES line with 8 fields");
            }
            return new Summary(f[1], Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]), Long.parseLong(f[5]),
                    Long.parseLong(f[6]), Long.parseLong(f[7]));
        }
    }

    /** One stop: from when to when it held the JVM, in epoch milliseconds. */
    private record Stop(double from, double to) {}

    /** One traced request: when it was due (epoch milliseconds) and its latency (microseconds). */
    record Request(double dueMillis, long latencyMicros) {

        double endMillis() {
            return dueMillis + latencyMicros / 1000.0;
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4 && args.length != 5) {
            System.err.println("usage: SafepointPauses LOG NAME FROM_MS TO_MS [TRACE]");
            System.exit(2);
        }
        List<Request> trace = args.length == 5 ? readTrace(Files.readAllLines(Path.of(args[4]))) : List.of();
        System.out.println(summarize(Files.readAllLines(Path.of(args[0])), args[1], Long.parseLong(args[2]),
                Long.parseLong(args[3]), trace).line());
    }

    /** The requests of a {@link FixedRate} trace: lines of the due time (epoch ms) and the latency (µs), tab-separated. */
    static List<Request> readTrace(List<String> lines) {
        List<Request> requests = new ArrayList<>(lines.size());
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 2) {
                throw new IllegalArgumentException("trace line: expected a due time and a latency, tab-separated");
            }
            requests.add(new Request(Double.parseDouble(f[0]), Long.parseLong(f[1])));
        }
        return requests;
    }

    /**
     * The safepoints of {@code log} that ended from {@code fromMillis} (inclusive) to {@code toMillis}
     * (exclusive), and of the slowest 1 % of {@code trace} (at least one request if it has any), how
     * many were in flight while a stop over {@link #LONG_MICROS} lasted.
     */
    static Summary summarize(List<String> log, String name, long fromMillis, long toMillis, List<Request> trace) {
        long count = 0;
        long total = 0;
        long max = 0;
        List<Stop> longStops = new ArrayList<>();
        for (String line : log) {
            Matcher m = LINE.matcher(line);
            if (!m.find()) {
                continue;
            }
            long at = Long.parseLong(m.group(1));
            if (at < fromMillis || at >= toMillis) {
                continue;
            }
            long micros = Long.parseLong(m.group(2)) / 1_000;
            count++;
            total += micros;
            max = Math.max(max, micros);
            if (micros > LONG_MICROS) {
                longStops.add(new Stop(at - micros / 1000.0, at)); // the line is written as the safepoint ends
            }
        }
        List<Request> slowest = slowest(trace);
        long inStops = slowest.stream().filter(r -> longStops.stream().anyMatch(s -> s.from() < r.endMillis() && s.to() > r.dueMillis())).count();
        return new Summary(name, count, total, max, longStops.size(), slowest.size(), inStops);
    }

    /** The slowest 1 % of {@code trace}, rounded up: for 16,000 requests the 160 with the longest latencies. */
    private static List<Request> slowest(List<Request> trace) {
        int keep = (trace.size() + 99) / 100;
        return trace.stream().sorted(Comparator.comparingLong(Request::latencyMicros).reversed()).limit(keep).toList();
    }
}
