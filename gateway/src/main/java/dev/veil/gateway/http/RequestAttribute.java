package dev.veil.gateway.http;

import static java.util.Objects.requireNonNull;

/**
 * A typed key under which a decorator leaves something for the handlers it wraps (the authenticated
 * expert, say); compared by identity, so each key is a constant of the code that owns it.
 */
public final class RequestAttribute<T> {

    private final String name;
    private final Class<T> type;

    private RequestAttribute(String name, Class<T> type) {
        this.name = requireNonNull(name, "name");
        this.type = requireNonNull(type, "type");
    }

    public static <T> RequestAttribute<T> of(String name, Class<T> type) {
        return new RequestAttribute<>(name, type);
    }

    public String name() {
        return name;
    }

    T cast(Object value) {
        return type.cast(value);
    }

    @Override
    public String toString() {
        return "RequestAttribute[" + name + "]";
    }
}
