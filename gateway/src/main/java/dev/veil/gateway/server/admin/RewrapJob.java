package dev.veil.gateway.server.admin;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.error.SafeErrors;
import dev.veil.tokenizer.vault.hashicorp.Rewrapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One background re-wrap at a time (the admin API's {@code POST /v1/admin/keys/rewrap}): runs the
 * {@link Rewrapper} on its own thread, keeps its progress for {@code GET}, and publishes what is
 * left to {@code remaining} (the {@code veil_vault_rewrap_remaining} gauge). A run that fails
 * (Vault down) keeps its checkpoint; starting again resumes it.
 */
public final class RewrapJob implements AutoCloseable {

    private final Rewrapper rewrapper;
    private final AtomicLong remaining;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "veil-rewrap");
        t.setDaemon(true);
        return t;
    });
    private boolean running;
    private Rewrapper.Progress progress = new Rewrapper.Progress(0, 0, 0);
    private String error;
    private long runs;

    public RewrapJob(Rewrapper rewrapper, AtomicLong remaining) {
        this.rewrapper = requireNonNull(rewrapper, "rewrapper");
        this.remaining = requireNonNull(remaining, "remaining");
    }

    /** Starts a run unless one is running; returns whether it started. */
    public synchronized boolean start() {
        if (running) {
            return false;
        }
        running = true;
        error = null;
        runs++;
        thread.execute(() -> {
            try {
                Rewrapper.Progress end = rewrapper.run(this::update);
                update(end);
                finish(null);
            } catch (RuntimeException e) {
                finish(SafeErrors.describe(e).code());
            }
        });
        return true;
    }

    private synchronized void update(Rewrapper.Progress p) {
        progress = p;
        remaining.set(p.remaining());
    }

    private synchronized void finish(String code) {
        running = false;
        error = code;
    }

    /** The state as the admin API shows it. */
    public synchronized Map<String, Object> state() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("running", running);
        out.put("runs", runs);
        out.put("done", progress.done());
        out.put("moved", progress.moved());
        out.put("total", progress.total());
        out.put("remaining", progress.remaining());
        if (error != null) {
            out.put("error", error);
        }
        return out;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
