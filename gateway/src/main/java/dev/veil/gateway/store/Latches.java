package dev.veil.gateway.store;

import java.util.concurrent.CountDownLatch;

/** Waiting on a latch as a monitor waits: to the end, whatever interrupts come meanwhile. */
public final class Latches {

    private Latches() {}

    /** Waits for {@code latch} to open; an interrupt does not end the wait and is kept for the caller. */
    public static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
