package dev.veil.gateway.ops;

import java.util.ArrayList;
import java.util.List;

/** An audit sink that keeps lines in memory, for tests. */
public final class MemoryAuditSink implements AuditSink {

    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void append(String jsonLine) {
        lines.add(jsonLine);
    }

    @Override
    public synchronized List<String> tail(int max) {
        List<String> all = lines();
        return List.copyOf(all.subList(Math.max(0, all.size() - max), all.size()));
    }

    /** The lines appended so far, oldest first. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
