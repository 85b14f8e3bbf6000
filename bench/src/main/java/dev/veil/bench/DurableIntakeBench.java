package dev.veil.bench;

import dev.veil.tokenizer.vault.DurableBatch;
import dev.veil.tokenizer.vault.DurableMvStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * Durable intake without HTTP or policy work: N threads each write ticket-shaped {@link DurableBatch}es
 * (six vaulted tokens with their fingerprints, a barrier, a sealed view of 4-8 KB with its index
 * entry, a routing record, an idempotency answer, then one commit) into one {@link DurableMvStore} in
 * a temporary directory, and it prints tickets per second, commits (fsyncs) per ticket, bytes the
 * process sent to the disk per commit (Linux {@code /proc/self/io}), process CPU time per ticket
 * (the figure a loaded machine distorts least) and ticket latency.
 *
 * <p>The bytes sent to the disk are the kernel's {@code write_bytes}, counted as pages are dirtied,
 * not as the device writes them: since the log's files are made with zeros in advance (round 15)
 * it counted more in the measured 10 s than the device wrote in the whole run, warm-up included
 * (1,843 against 1,289 MB by {@code /sys/block/DEV/stat}), where it had been below it (807 against
 * 1,088). Compare it only between builds that lay the log out alike.
 *
 * <p>With a RATE (tickets per second, over all threads) it runs at that fixed rate instead of as
 * fast as it can: ticket k is due at start + k / RATE, the next free thread takes it (waiting
 * until it is due), and its latency is measured from when it was due, not from when a thread got
 * to it, so a pause that holds tickets back counts for every ticket it delays (coordinated
 * omission corrected). Run it at about half of the peak the free-running mode reports, to read
 * the latency without queueing: checkpoints (every 4 MiB of log, about every 400 tickets) are then
 * what the tail shows.
 *
 * <p>It uses only the stores' public API, so the same class runs against an older build placed
 * after it on the class path:
 * <pre>java -cp bench/target/benchmarks.jar dev.veil.bench.DurableIntakeBench [THREADS] [SECONDS] [DIR] [RATE]</pre>
 */
public final class DurableIntakeBench {

    private static final int TOKENS_PER_TICKET = 6;

    private DurableIntakeBench() {}

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path parent = args.length > 2 ? Path.of(args[2]) : Path.of(System.getProperty("java.io.tmpdir"));
        double rate = args.length > 3 ? Double.parseDouble(args[3]) : 0;
        Path dir = Files.createTempDirectory(parent, "durable-intake-");
        try {
            run(dir, threads, 2, false); // warm-up
            if (rate > 0) {
                runAtRate(dir, threads, seconds, rate);
            } else {
                run(dir, threads, seconds, true);
            }
        } finally {
            deleteTree(dir);
        }
    }

    /** Tickets due at a fixed rate; latency from each ticket's due time (coordinated omission corrected). */
    private static void runAtRate(Path dir, int threads, int seconds, double rate) throws Exception {
        try (DurableMvStore db = DurableMvStore.open(dir.resolve("fixed-rate.mv.db"), "bench store")) {
            Maps maps = new Maps(db);
            long interval = Math.max(1, Math.round(1e9 / rate));
            long total = Math.round(rate * seconds);
            AtomicLong next = new AtomicLong();
            List<Histogram> latencies = new ArrayList<>();
            List<Thread> workers = new ArrayList<>();
            long start = System.nanoTime() + 50_000_000L; // every thread started before the first ticket is due
            for (int t = 0; t < threads; t++) {
                Histogram h = new Histogram(3_600_000_000L, 3);
                latencies.add(h);
                Thread worker = new Thread(() -> {
                    for (long k = next.getAndIncrement(); k < total; k = next.getAndIncrement()) {
                        long due = start + k * interval;
                        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                            LockSupport.parkNanos(wait);
                        }
                        ticket(db, maps);
                        h.recordValue(Math.max(0, (System.nanoTime() - due) / 1000));
                    }
                }, "bench-writer-" + t);
                workers.add(worker);
            }
            long cpuBefore = processCpuNanos();
            long commitsBefore = db.commits();
            workers.forEach(Thread::start);
            for (Thread worker : workers) {
                worker.join();
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            long cpu = processCpuNanos() - cpuBefore;
            Histogram all = new Histogram(3_600_000_000L, 3);
            latencies.forEach(all::add);
            System.out.printf("fixed rate %.0f tickets/s, %d threads, %,d tickets in %.1f s (%.0f tickets/s achieved), %.2f commits per ticket%n",
                    rate, threads, total, elapsed, total / elapsed, (db.commits() - commitsBefore) / (double) Math.max(1, total));
            System.out.printf("process CPU per ticket %.0f µs%n", cpu / 1000.0 / Math.max(1, total));
            System.out.printf("ticket latency from its due time, ms: p50 %.2f, p90 %.2f, p99 %.2f, p99.9 %.2f, max %.2f%n",
                    all.getValueAtPercentile(50) / 1000.0, all.getValueAtPercentile(90) / 1000.0,
                    all.getValueAtPercentile(99) / 1000.0, all.getValueAtPercentile(99.9) / 1000.0,
                    all.getMaxValue() / 1000.0);
        }
    }

    private static void run(Path dir, int threads, int seconds, boolean print) throws Exception {
        Path file = dir.resolve(print ? "measured.mv.db" : "warmup.mv.db");
        try (DurableMvStore db = DurableMvStore.open(file, "bench store")) {
            Maps maps = new Maps(db);
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch started = new CountDownLatch(threads);
            List<Histogram> latencies = new ArrayList<>();
            List<Thread> workers = new ArrayList<>();
            long[] counts = new long[threads];
            for (int t = 0; t < threads; t++) {
                Histogram h = new Histogram(3_600_000_000L, 2);
                latencies.add(h);
                int index = t;
                Thread worker = new Thread(() -> {
                    started.countDown();
                    while (!stop.get()) {
                        long begin = System.nanoTime();
                        ticket(db, maps);
                        h.recordValue((System.nanoTime() - begin) / 1000);
                        counts[index]++;
                    }
                }, "bench-writer-" + t);
                workers.add(worker);
            }
            long commitsBefore = db.commits();
            long[] ioBefore = processIo();
            long cpuBefore = processCpuNanos();
            long begin = System.nanoTime();
            workers.forEach(Thread::start);
            started.await();
            Thread.sleep(seconds * 1000L);
            stop.set(true);
            for (Thread worker : workers) {
                worker.join();
            }
            double elapsed = (System.nanoTime() - begin) / 1e9;
            long[] ioAfter = processIo();
            long cpu = processCpuNanos() - cpuBefore;
            long commits = db.commits() - commitsBefore;
            long tickets = 0;
            for (long c : counts) {
                tickets += c;
            }
            Histogram all = new Histogram(3_600_000_000L, 2);
            latencies.forEach(all::add);
            if (print) {
                long written = ioAfter[0] - ioBefore[0];
                long syscalled = ioAfter[1] - ioBefore[1];
                System.out.printf("threads %d, %.1f s: %,.0f tickets/s, %,.0f commits/s, %.2f commits per ticket%n",
                        threads, elapsed, tickets / elapsed, commits / elapsed, commits / (double) Math.max(1, tickets));
                System.out.printf("bytes to disk per commit %,d (per ticket %,d), written by syscalls per ticket %,d; file %,d bytes%n",
                        written / Math.max(1, commits), written / Math.max(1, tickets), syscalled / Math.max(1, tickets), db.fileSize());
                System.out.printf("process CPU per ticket %.0f µs%n", cpu / 1000.0 / Math.max(1, tickets));
                System.out.printf("ticket latency ms: p50 %.2f, p90 %.2f, p99 %.2f, p99.9 %.2f, max %.2f%n",
                        all.getValueAtPercentile(50) / 1000.0, all.getValueAtPercentile(90) / 1000.0,
                        all.getValueAtPercentile(99) / 1000.0, all.getValueAtPercentile(99.9) / 1000.0,
                        all.getMaxValue() / 1000.0);
            }
        }
    }

    /** One ticket's writes, shaped like intake's: tokens, barrier, view, routing, idempotency answer. */
    private static void ticket(DurableMvStore db, Maps maps) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String id = "t_" + Long.toHexString(random.nextLong());
        try (DurableBatch batch = DurableBatch.open()) {
            for (int k = 0; k < TOKENS_PER_TICKET; k++) {
                String token = "tok_" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
                byte[] sealed = bytes(random, 90);
                String fingerprint = Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
                db.writeDurably(() -> maps.tokens.putIfAbsent(token, sealed) == null
                        && maps.fingerprints.putIfAbsent(fingerprint, token) == null);
            }
            batch.barrier();
            byte[] view = bytes(random, 4096 + random.nextInt(4096));
            db.runDurably(() -> {
                maps.tickets.put(id, view);
                maps.ticketIndex.put("acme/" + id, id.getBytes());
            });
            db.runDurably(() -> {
                maps.routingTickets.put(id, System.currentTimeMillis());
                maps.routingStates.put(id, "OPEN");
            });
            byte[] answer = bytes(random, 300);
            db.runDurably(() -> maps.answers.put("acme/delivery/" + id, answer));
            batch.commit();
        }
    }

    private static byte[] bytes(ThreadLocalRandom random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** {@code write_bytes} (sent to the storage layer) and {@code wchar} (passed to write calls) of this process. */
    private static long[] processIo() throws IOException {
        long[] io = new long[2];
        Path proc = Path.of("/proc/self/io");
        if (!Files.isReadable(proc)) {
            return io;
        }
        for (String line : Files.readAllLines(proc)) {
            if (line.startsWith("write_bytes:")) {
                io[0] = Long.parseLong(line.substring(12).trim());
            } else if (line.startsWith("wchar:")) {
                io[1] = Long.parseLong(line.substring(6).trim());
            }
        }
        return io;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The maps intake writes, with the types the stores give them. */
    private static final class Maps {
        final MVMap<String, byte[]> tokens;
        final MVMap<String, String> fingerprints;
        final MVMap<String, byte[]> tickets;
        final MVMap<String, byte[]> ticketIndex;
        final MVMap<Object, Object> routingTickets;
        final MVMap<Object, Object> routingStates;
        final MVMap<String, byte[]> answers;

        Maps(DurableMvStore db) {
            tokens = db.openMap("tokens", bytesMap());
            fingerprints = db.openMap("fingerprints", new MVMap.Builder<String, String>()
                    .keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE));
            tickets = db.openMap("tickets", bytesMap());
            ticketIndex = db.openMap("ticketIndex", bytesMap());
            routingTickets = db.openMap("routing.tickets", new MVMap.Builder<>());
            routingStates = db.openMap("routing.ticketStates", new MVMap.Builder<>());
            answers = db.openMap("answers", bytesMap());
        }

        private static MVMap.Builder<String, byte[]> bytesMap() {
            return new MVMap.Builder<String, byte[]>().keyType(StringDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE);
        }
    }
}
