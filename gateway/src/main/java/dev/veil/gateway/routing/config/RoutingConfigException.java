package dev.veil.gateway.routing.config;

import dev.veil.policy.yaml.Problem;
import dev.veil.tokenizer.error.VeilException;
import java.util.List;

/**
 * The routing sections of {@code veil.yaml} cannot be used; {@link #problems()} lists every
 * problem found, each with file, line, column and key path. Code {@value #CODE}; the detail is
 * about the operator's configuration, never about a ticket.
 */
public final class RoutingConfigException extends VeilException {

    public static final String CODE = "invalid_routing_config";

    private final transient List<Problem> problems;

    public RoutingConfigException(List<Problem> problems) {
        super(CODE, Problem.describe(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in file order. */
    public List<Problem> problems() {
        return problems;
    }

    /** The dotted key path of the first offending setting, e.g. {@code brands.acme.routing.claimTtl}. */
    public String path() {
        return problems.get(0).keyPath();
    }
}
