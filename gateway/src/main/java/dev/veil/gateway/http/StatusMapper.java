package dev.veil.gateway.http;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.error.VeilException;

/**
 * Chooses the HTTP status for a {@link VeilException} a handler threw; an {@link HttpException}
 * always keeps its own status. Compose mappers with {@link #orElse}: the first to answer wins.
 */
@FunctionalInterface
public interface StatusMapper {

    /** The status for {@code failure}, or 0 when this mapper has no opinion. */
    int status(VeilException failure);

    /** The default: every VeilException that is not an {@link HttpException} is the client's fault, 400. */
    static StatusMapper defaults() {
        return failure -> 400;
    }

    /** Maps every exception of {@code type} (and its subclasses) to {@code status}. */
    static StatusMapper of(Class<? extends VeilException> type, int status) {
        requireNonNull(type, "type");
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status: " + status + " (expected: 400..599)");
        }
        return failure -> type.isInstance(failure) ? status : 0;
    }

    /** This mapper, and {@code next} where this one has no opinion. */
    default StatusMapper orElse(StatusMapper next) {
        requireNonNull(next, "next");
        return failure -> {
            int status = status(failure);
            return status != 0 ? status : next.status(failure);
        };
    }
}
