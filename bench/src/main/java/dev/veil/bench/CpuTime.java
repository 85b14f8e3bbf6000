package dev.veil.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * What the side-by-side comparisons ({@link DetectionCompare}, {@link DetectorCompare},
 * {@link EngineCompare}) share: each build's classes from their own
 * class loader, and slots of this thread's CPU time, so that load from other processes slows no
 * build more than the others.
 */
final class CpuTime {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuTime() {}

    /** A class loader for one build: {@code classPath} is colon-separated jars or directories. */
    static ClassLoader build(String classPath) throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(":")) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        return new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    }

    /** Runs {@code run} for {@code cpuNanos} of this thread's CPU time; returns its operations per CPU second. */
    static double opsPerSecond(IntSupplier run, long cpuNanos) {
        long start = THREADS.getCurrentThreadCpuTime();
        long end = start + cpuNanos;
        long sink = 0;
        int ops = 0;
        while (THREADS.getCurrentThreadCpuTime() < end) {
            sink += run.getAsInt();
            ops++;
        }
        if (sink == Long.MIN_VALUE) {
            System.out.print(""); // keeps the results alive
        }
        return ops / ((THREADS.getCurrentThreadCpuTime() - start) / 1e9);
    }

    /**
     * The bytes this thread allocates per operation of {@code run} over {@code ops} operations
     * (HotSpot's per-thread counter; a measure that other processes' load does not change).
     */
    static double bytesPerOp(IntSupplier run, int ops) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) THREADS;
        long thread = Thread.currentThread().getId();
        long start = threads.getThreadAllocatedBytes(thread);
        long sink = 0;
        for (int i = 0; i < ops; i++) {
            sink += run.getAsInt();
        }
        if (sink == Long.MIN_VALUE) {
            System.out.print(""); // keeps the results alive
        }
        return (threads.getThreadAllocatedBytes(thread) - start) / (double) ops;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
