package dev.veil.gateway.upstream;

/** Flow control of one answer's body, for the {@link UpstreamHandler}; every method runs on the call's event loop. */
public interface UpstreamBody {

    /** Stops reading from the upstream until {@link #resume} (the answer's bytes wait in the kernel and the peer). */
    void pause();

    /** Reads again after {@link #pause}. */
    void resume();

    /** Gives up on the rest of the answer: the connection is closed, never reused; no further callback follows. */
    void cancel();
}
