package dev.veil.gateway.config;

import dev.veil.policy.yaml.Problem;
import dev.veil.tokenizer.error.VeilException;
import java.util.List;

/**
 * {@code veil.yaml} cannot be used; {@link #problems()} lists every problem, each with file, line,
 * column, key path, what was expected and a suggestion for typos. Messages never quote a secret.
 */
public final class ConfigException extends VeilException {

    /** The stable code of an unusable configuration. */
    public static final String CODE = "config_invalid";

    private final transient List<Problem> problems;

    public ConfigException(List<Problem> problems) {
        super(CODE, Problem.describe(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in file order. */
    public List<Problem> problems() {
        return problems;
    }
}
