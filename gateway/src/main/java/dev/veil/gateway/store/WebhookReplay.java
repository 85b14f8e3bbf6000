package dev.veil.gateway.store;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.vault.DurableBatch;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.h2.mvstore.MVStoreException;

/**
 * Processes each webhook id of a brand once: the first delivery runs the work and its answer is
 * remembered; a replay (also one arriving while the first is still running, which waits for it)
 * gets the first answer without running the work again. Server-side failures (status 500 and
 * up) are not remembered, so the sender's retry is processed. The work runs in a {@link
 * DurableBatch}: its embedded-store writes and the remembered answer are made durable by one
 * (group) commit before the answer is returned. Thread-safe.
 */
public final class WebhookReplay {

    private final IdempotencyStore answers;
    /**
     * The deliveries running now, by webhook key, each with a latch opened when it ends: a delivery
     * of the same webhook waits for it, deliveries of other webhooks never wait for each other. (A
     * fixed set of striped locks made two unrelated deliveries whose keys shared a stripe wait for
     * each other's whole intake and commit; with 16 workers that was likely at any moment.)
     */
    private final ConcurrentHashMap<String, CountDownLatch> running = new ConcurrentHashMap<>();

    private WebhookReplay(IdempotencyStore answers) {
        this.answers = answers;
    }

    public static WebhookReplay of(IdempotencyStore answers) {
        return new WebhookReplay(requireNonNull(answers, "answers"));
    }

    /** What happened: the answer, and whether it is a replay of an earlier one. */
    public record Outcome(StoredAnswer answer, boolean replayed) {}

    /**
     * The first answer to this webhook id, running {@code firstTime} if there is none yet.
     *
     * @throws IllegalArgumentException if the webhook id is empty or too long
     * @throws StoreUnavailableException if the answer could not be remembered durably
     */
    public Outcome answer(String brand, String webhookId, Supplier<StoredAnswer> firstTime) {
        requireNonNull(firstTime, "firstTime");
        String key = IdempotencyStore.key(brand, webhookId);
        CountDownLatch mine = new CountDownLatch(1);
        for (CountDownLatch other = running.putIfAbsent(key, mine); other != null; other = running.putIfAbsent(key, mine)) {
            Latches.awaitUninterruptibly(other); // the same webhook is being processed: its answer decides this one
        }
        try {
            var earlier = answers.find(brand, webhookId);
            if (earlier.isPresent()) {
                return new Outcome(earlier.get(), true);
            }
            // the work's embedded writes (a ticket's tokens, views, routing record) and the answer
            // reach the disk in one commit, shared with concurrent deliveries, before anyone is told
            try (DurableBatch batch = DurableBatch.open()) {
                StoredAnswer answer = requireNonNull(firstTime.get(), "answer");
                if (answer.status() >= 500) {
                    return new Outcome(answer, false); // nothing acknowledged: no commit is waited for
                }
                StoredAnswer kept = answers.remember(brand, webhookId, answer);
                commit(batch);
                return new Outcome(kept, false);
            }
        } finally {
            running.remove(key, mine);
            mine.countDown();
        }
    }

    private static void commit(DurableBatch batch) {
        try {
            batch.commit();
        } catch (IllegalStateException | MVStoreException e) {
            throw new StoreUnavailableException("embedded store: commit failed");
        }
    }
}
