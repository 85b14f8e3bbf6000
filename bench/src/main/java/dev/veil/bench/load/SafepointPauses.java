package dev.veil.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * <pre>java -cp bench/target/benchmarks.jar dev.veil.bench.load.SafepointPauses LOG NAME FROM_MS TO_MS</pre>
 */
public final class SafepointPauses {

    /** A pause longer than this is one the intake's p99 target (2 ms added) cannot absorb. */
    static final long LONG_MICROS = 2_000;
    /** {@code [1764546666123ms] Safepoint "G1CollectForAllocation", ... Total: 30586387 ns}. */
    private static final Pattern LINE = Pattern.compile("^\\[(\\d+)ms\\] Safepoint \"[^\"]*\",.* Total: (\\d+) ns");

    private SafepointPauses() {}

    /** The pauses of one window; durations in microseconds. */
    record Summary(String name, long count, long totalMicros, long maxMicros, long longCount) {

        String line() {
            return "PAUSES|" + name + "|" + count + "|" + totalMicros + "|" + maxMicros + "|" + longCount;
        }

        static Summary parse(String line) {
            String[] f = line.split("\\|", -1);
            if (f.length != 6 || !f[0].equals("PAUSES")) {
                throw new IllegalArgumentException("not a PAUSES line with 6 fields");
            }
            return new Summary(f[1], Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]), Long.parseLong(f[5]));
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: SafepointPauses LOG NAME FROM_MS TO_MS");
            System.exit(2);
        }
        System.out.println(summarize(Files.readAllLines(Path.of(args[0])), args[1], Long.parseLong(args[2]), Long.parseLong(args[3])).line());
    }

    /** The safepoints of {@code log} that ended from {@code fromMillis} (inclusive) to {@code toMillis} (exclusive). */
    static Summary summarize(List<String> log, String name, long fromMillis, long toMillis) {
        long count = 0;
        long total = 0;
        long max = 0;
        long longCount = 0;
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
                longCount++;
            }
        }
        return new Summary(name, count, total, max, longCount);
    }
}
