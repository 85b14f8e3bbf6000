package dev.veil.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackgroundLinesTest {

    /** An output that holds its first append until released, as a stalled terminal would. */
    private static final class StalledOutput implements Appendable {
        final StringBuilder text = new StringBuilder();
        /** Each append's text, in order: how many writes the output was asked for. */
        final List<String> appends = new ArrayList<>();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public Appendable append(CharSequence s) {
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (text) {
                text.append(s);
                appends.add(s.toString());
            }
            return this;
        }

        @Override
        public Appendable append(CharSequence s, int start, int end) {
            return append(s.subSequence(start, end));
        }

        @Override
        public Appendable append(char c) {
            return append(String.valueOf(c));
        }
    }

    @Test
    void aStalledOutputNeverBlocksTheCallerAndDropsWhatDoesNotFit() throws Exception {
        StalledOutput out = new StalledOutput();
        BackgroundLines lines = BackgroundLines.to(out, 2);
        lines.accept("one");
        assertThat(out.entered.await(30, TimeUnit.SECONDS)).as("the writer took the first line").isTrue();
        lines.accept("two");
        lines.accept("three");
        lines.accept("four"); // the queue holds two: this one is dropped, and the call returns at once
        assertThat(lines.dropped()).isEqualTo(1);

        out.release.countDown();
        lines.close();
        assertThat(out.text.toString()).isEqualTo("one\ntwo\nthree\n");
        lines.accept("after close");
        assertThat(lines.dropped()).isEqualTo(2);
    }

    @Test
    void linesThatQueueWhileTheOutputIsBusyGoOutInOneWrite() throws Exception {
        StalledOutput out = new StalledOutput();
        BackgroundLines lines = BackgroundLines.to(out, 8);
        lines.accept("one");
        assertThat(out.entered.await(30, TimeUnit.SECONDS)).as("the writer took the first line").isTrue();
        lines.accept("two");
        lines.accept("three");

        out.release.countDown();
        lines.close();
        synchronized (out.text) {
            assertThat(out.appends).containsExactly("one\n", "two\nthree\n");
        }
    }
}
