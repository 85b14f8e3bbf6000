package dev.veil.gateway.http;

/** Wraps a handler with behaviour of its own (authentication, auditing, limits) around the call. */
@FunctionalInterface
public interface Decorator {

    Handler apply(Handler delegate);
}
