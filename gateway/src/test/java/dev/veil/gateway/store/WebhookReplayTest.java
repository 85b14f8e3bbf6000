package dev.veil.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.gateway.routing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WebhookReplayTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
    private final WebhookReplay replay = WebhookReplay.of(InMemoryIdempotencyStore.of(Duration.ofHours(1), clock));

    private StoredAnswer answer(int status, String body) {
        return new StoredAnswer(status, body.getBytes(StandardCharsets.UTF_8), clock.instant());
    }

    @Test
    void concurrentDeliveriesOfOneWebhookRunTheWorkOnceAndAllGetTheFirstAnswer() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<WebhookReplay.Outcome>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return replay.answer("acme", "wh_1", () -> answer(202, "{\"ticket\":\"t_" + runs.incrementAndGet() + "\"}"));
                }));
            }
            go.countDown();
            int replayed = 0;
            for (Future<WebhookReplay.Outcome> r : results) {
                WebhookReplay.Outcome o = r.get();
                assertThat(new String(o.answer().body(), StandardCharsets.UTF_8)).isEqualTo("{\"ticket\":\"t_1\"}");
                replayed += o.replayed() ? 1 : 0;
            }
            assertThat(runs).hasValue(1);
            assertThat(replayed).isEqualTo(7);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void deliveriesOfDifferentWebhooksNeverWaitForEachOther() throws Exception {
        // two webhook ids whose keys fall on the same stripe of 256, as striped locks shared them
        String first = "wh_0";
        int stripe = Math.floorMod(IdempotencyStore.key("acme", first).hashCode(), 256);
        String second = null;
        for (int i = 1; second == null; i++) {
            if (Math.floorMod(IdempotencyStore.key("acme", "wh_" + i).hashCode(), 256) == stripe) {
                second = "wh_" + i;
            }
        }
        String other = second;
        CountDownLatch secondAnswered = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            // the first delivery's work goes on only once the second delivery has its answer
            WebhookReplay.Outcome outcome = replay.answer("acme", first, () -> {
                pool.submit(() -> {
                    replay.answer("acme", other, () -> answer(202, "{}"));
                    secondAnswered.countDown();
                });
                boolean answered;
                try {
                    answered = secondAnswered.await(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return answer(answered ? 202 : 409, "{}");
            });

            assertThat(outcome.answer().status()).as("the second delivery was answered while the first ran").isEqualTo(202);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void serverFailuresAreNotRememberedSoTheRetryIsProcessed() {
        assertThat(replay.answer("acme", "wh_2", () -> answer(503, "{\"error\":\"store_unavailable\"}")).replayed()).isFalse();
        WebhookReplay.Outcome retry = replay.answer("acme", "wh_2", () -> answer(202, "{}"));
        assertThat(retry.replayed()).isFalse();
        assertThat(retry.answer().status()).isEqualTo(202);
        assertThat(replay.answer("acme", "wh_2", () -> answer(400, "{}")).answer().status()).isEqualTo(202);
    }
}
