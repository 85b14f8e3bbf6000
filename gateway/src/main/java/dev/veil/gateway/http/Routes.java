package dev.veil.gateway.http;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The routes of a listener: method and path pattern to handler. Patterns are literal segments and
 * {@code {name}} parameters, each matching one non-empty segment; a literal segment wins over a
 * parameter at the same place ({@code /v1/tickets/stats} before {@code /v1/tickets/{id}}).
 */
public final class Routes {

    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._~!$&'()*+,;=:@-]+");
    private static final Pattern PARAM = Pattern.compile("\\{([a-zA-Z][a-zA-Z0-9_]{0,31})}");
    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");

    private final List<Route> routes;

    private Routes(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The patterns with their methods, in the order added (for documentation checks). */
    public Map<String, Set<String>> patterns() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (Route route : routes) {
            out.computeIfAbsent(route.pattern, p -> new TreeSet<>()).add(route.method);
        }
        return out;
    }

    /** What a request for {@code method} on the decoded {@code segments} finds. */
    Match match(String method, List<String> segments) {
        Route best = null;
        Map<String, String> bestParams = null;
        Set<String> allowed = new TreeSet<>();
        String allowedPattern = null;
        for (Route route : routes) {
            Map<String, String> params = route.match(segments);
            if (params == null) {
                continue;
            }
            if (!route.method.equals(method)) {
                allowed.add(route.method);
                allowedPattern = allowedPattern == null ? route.pattern : allowedPattern;
                continue;
            }
            if (best == null || route.moreSpecificThan(best)) {
                best = route;
                bestParams = params;
            }
        }
        if (best != null) {
            return new Match(best.pattern, best.handler, bestParams, Set.of());
        }
        return new Match(allowedPattern, null, Map.of(), allowed);
    }

    /** A found route (handler set), a path known under other methods (allowed set), or nothing. */
    record Match(String pattern, Handler handler, Map<String, String> pathParams, Set<String> allowed) {}

    /** Collects routes; each method and pattern shape at most once. */
    public static final class Builder {
        private final List<Route> routes = new ArrayList<>();

        private Builder() {}

        /** Routes {@code method} requests for {@code pattern} (e.g. {@code /v1/brands/{brand}/tickets}) to {@code handler}. */
        public Builder add(String method, String pattern, Handler handler) {
            requireNonNull(method, "method");
            requireNonNull(pattern, "pattern");
            requireNonNull(handler, "handler");
            String m = method.toUpperCase(Locale.ROOT);
            if (!METHOD.matcher(m).matches()) {
                throw new IllegalArgumentException("method: " + method + " (expected: an HTTP method such as GET)");
            }
            Route route = Route.parse(m, pattern, handler);
            for (Route existing : routes) {
                if (existing.method.equals(m) && existing.shape().equals(route.shape())) {
                    throw new IllegalArgumentException("route: " + m + " " + pattern + " (expected: once; it clashes with " + existing.pattern + ")");
                }
            }
            routes.add(route);
            return this;
        }

        /** Every route of {@code other}, each with its handler wrapped by {@code decorator}. */
        public Builder addAll(Routes other, Decorator decorator) {
            requireNonNull(decorator, "decorator");
            for (Route route : requireNonNull(other, "other").routes) {
                add(route.method, route.pattern, route.handler.decorate(decorator));
            }
            return this;
        }

        public Routes build() {
            return new Routes(routes);
        }
    }

    private static final class Route {
        final String method;
        final String pattern;
        final Handler handler;
        final String[] literals; // null where the segment is a parameter
        final String[] params;

        private Route(String method, String pattern, Handler handler, String[] literals, String[] params) {
            this.method = method;
            this.pattern = pattern;
            this.handler = handler;
            this.literals = literals;
            this.params = params;
        }

        static Route parse(String method, String pattern, Handler handler) {
            if (!pattern.startsWith("/")) {
                throw new IllegalArgumentException("pattern: " + pattern + " (expected: starting with /)");
            }
            String[] parts = pattern.equals("/") ? new String[0] : pattern.substring(1).split("/", -1);
            String[] literals = new String[parts.length];
            String[] params = new String[parts.length];
            Set<String> names = new TreeSet<>();
            for (int i = 0; i < parts.length; i++) {
                var param = PARAM.matcher(parts[i]);
                if (param.matches()) {
                    if (!names.add(param.group(1))) {
                        throw new IllegalArgumentException("pattern: " + pattern + " (expected: each parameter once)");
                    }
                    params[i] = param.group(1);
                } else if (LITERAL.matcher(parts[i]).matches() || parts[i].isEmpty() && i == parts.length - 1 && i > 0) {
                    // an empty last segment is a trailing slash: /app/ is its own route, as browsers ask for it
                    literals[i] = parts[i];
                } else {
                    throw new IllegalArgumentException("pattern: " + pattern + " (expected: segments that are literals or {name})");
                }
            }
            return new Route(method, pattern, handler, literals, params);
        }

        String shape() {
            StringBuilder s = new StringBuilder();
            for (String literal : literals) {
                s.append('/').append(literal == null ? "{}" : literal);
            }
            return s.toString();
        }

        Map<String, String> match(List<String> segments) {
            if (segments.size() != literals.length) {
                return null;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < literals.length; i++) {
                String segment = segments.get(i);
                if (literals[i] != null) {
                    if (!literals[i].equals(segment)) {
                        return null;
                    }
                } else if (segment.isEmpty()) {
                    return null;
                } else {
                    values.put(params[i], segment);
                }
            }
            return values;
        }

        boolean moreSpecificThan(Route other) {
            for (int i = 0; i < literals.length; i++) {
                boolean mine = literals[i] != null;
                boolean theirs = other.literals[i] != null;
                if (mine != theirs) {
                    return mine;
                }
            }
            return false;
        }
    }
}
