package dev.veil.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.gateway.routing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class AnswerBookTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));

    @Test
    void aLookUpDoesNotWaitForAChangeWhoseSinkIsSlow() throws Exception {
        CountDownLatch lookedUp = new CountDownLatch(1);
        CountDownLatch sinkEntered = new CountDownLatch(1);
        AtomicBoolean sinkReturned = new AtomicBoolean();
        // the sink of a change (a durable write) holds on until another thread's look-up returned
        AnswerBook book = new AnswerBook(Duration.ofHours(1), clock, (key, answer) -> {
            sinkEntered.countDown();
            try {
                lookedUp.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            sinkReturned.set(true);
        }, key -> { });
        book.load("acme:wh_1", new StoredAnswer(202, new byte[0], clock.instant()));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<StoredAnswer> remembering = pool.submit(() -> book.remember("acme:wh_2", new StoredAnswer(202, new byte[0], clock.instant())));
            assertThat(sinkEntered.await(10, TimeUnit.SECONDS)).isTrue();

            Optional<StoredAnswer> found = book.find("acme:wh_1");
            boolean whileTheSinkRan = !sinkReturned.get();
            lookedUp.countDown();

            assertThat(whileTheSinkRan).as("the look-up returned while the change's sink still ran").isTrue();
            assertThat(found).isPresent();
            assertThat(remembering.get(10, TimeUnit.SECONDS).status()).isEqualTo(202);
            assertThat(book.find("acme:wh_2")).isPresent();
        } finally {
            pool.shutdownNow();
        }
    }
}
