package dev.veil.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.gateway.routing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
    void aLookUpOrAPruneWithNothingExpiredDoesNotWaitForAChangeWhoseSinkIsSlow() throws Exception {
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
            int pruned = book.prune(); // nothing due: the queue of dues alone, which has a lock of its own
            boolean whileTheSinkRan = !sinkReturned.get();
            lookedUp.countDown();

            assertThat(whileTheSinkRan).as("the look-up and the sweep returned while the change's sink still ran").isTrue();
            assertThat(pruned).isZero();
            assertThat(found).isPresent();
            assertThat(remembering.get(10, TimeUnit.SECONDS).status()).isEqualTo(202);
            assertThat(book.find("acme:wh_2")).isPresent();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void expiredAnswersLeaveTheSinkInOneChangeAndOneRememberedAnewStays() {
        List<List<String>> removals = new ArrayList<>();
        AnswerBook book = new AnswerBook(Duration.ofHours(1), clock, (key, answer) -> { }, keys -> removals.add(List.copyOf(keys)));
        for (int i = 0; i < 3; i++) {
            book.remember("acme:wh_" + i, new StoredAnswer(202, new byte[0], clock.instant()));
        }
        clock.advance(Duration.ofMinutes(30));
        book.remember("acme:wh_late", new StoredAnswer(202, new byte[0], clock.instant()));
        clock.advance(Duration.ofMinutes(31));
        book.remember("acme:wh_0", new StoredAnswer(200, new byte[0], clock.instant())); // expired, so taken anew

        assertThat(book.prune()).isEqualTo(2);

        assertThat(removals).as("one change for both").singleElement().satisfies(keys -> assertThat(keys).containsExactlyInAnyOrder("acme:wh_1", "acme:wh_2"));
        assertThat(book.find("acme:wh_0")).get().extracting(StoredAnswer::status).isEqualTo(200);
        assertThat(book.find("acme:wh_late")).isPresent();
        assertThat(book.prune()).isZero();
    }

    @Test
    void answersLoadedInAnyOrderArePrunedAsEachExpires() {
        List<String> removed = new ArrayList<>();
        AnswerBook book = new AnswerBook(Duration.ofHours(1), clock, (key, answer) -> { }, removed::addAll);
        Instant start = clock.instant();
        book.load("acme:wh_late", new StoredAnswer(202, new byte[0], start.plus(Duration.ofMinutes(40))));
        book.load("acme:wh_early", new StoredAnswer(202, new byte[0], start));
        book.load("acme:wh_middle", new StoredAnswer(202, new byte[0], start.plus(Duration.ofMinutes(20))));

        clock.advance(Duration.ofMinutes(61));
        assertThat(book.prune()).isEqualTo(1);
        assertThat(removed).containsExactly("acme:wh_early");

        clock.advance(Duration.ofMinutes(40)); // 101 minutes after the first: the other two are due
        assertThat(book.prune()).isEqualTo(2);
        assertThat(removed).containsExactly("acme:wh_early", "acme:wh_middle", "acme:wh_late");
        assertThat(book.find("acme:wh_late")).isEmpty();
        assertThat(book.prune()).isZero();
    }
}
