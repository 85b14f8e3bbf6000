package dev.veil.gateway.server.admin;

import dev.veil.gateway.http.HttpRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads and checks path and query parameters; failures name the parameter, never its value. */
final class AdminParams {

    /** Expert and ticket ids as routing accepts them. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private AdminParams() {}

    /** The expert id of the path, or 400 {@code invalid_expert}. */
    static String expertId(HttpRequest request) {
        String id = request.pathParam("id");
        if (!ID.matcher(id).matches()) {
            throw AdminErrors.badRequest(AdminErrors.INVALID_EXPERT, "expert id: not valid (expected: 1 to 128 of A-Z a-z 0-9 . _ : -)");
        }
        return id;
    }

    /** A required query parameter that is an id, or 400. */
    static String requiredId(HttpRequest request, String name) {
        String value = request.queryParam(name).orElseThrow(
                () -> AdminErrors.badRequest(AdminErrors.MISSING_PARAMETER, name + ": required"));
        if (!ID.matcher(value).matches()) {
            throw AdminErrors.badRequest(AdminErrors.INVALID_PARAMETER, name + ": not a valid id (expected: 1 to 128 of A-Z a-z 0-9 . _ : -)");
        }
        return value;
    }

    /** An optional ISO-8601 instant query parameter, or 400. */
    static Optional<Instant> instant(HttpRequest request, String name) {
        Optional<String> value = request.queryParam(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value.get()));
        } catch (DateTimeParseException e) {
            throw AdminErrors.badRequest(AdminErrors.INVALID_PARAMETER, name + ": not an instant (expected: ISO-8601 UTC such as 2026-03-01T00:00:00Z)");
        }
    }

    /** An optional integer query parameter within bounds, or 400. */
    static int integer(HttpRequest request, String name, int fallback, int min, int max) {
        Optional<String> value = request.queryParam(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.get());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw AdminErrors.badRequest(AdminErrors.INVALID_PARAMETER, name + ": expected an integer from " + min + " to " + max);
    }
}
