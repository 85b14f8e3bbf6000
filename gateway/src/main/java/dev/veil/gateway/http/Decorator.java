package dev.veil.gateway.http;

/** Wraps a handler with behaviour of its own (authentication, auditing, limits) around the call. */
@FunctionalInterface
public interface Decorator {

    Handler apply(Handler delegate);

    /** This decorator applied first, then {@code outer} around the result. */
    default Decorator andThen(Decorator outer) {
        return delegate -> outer.apply(apply(delegate));
    }
}
