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
        super(CODE, describe(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in file order. */
    public List<Problem> problems() {
        return problems;
    }

    private static String describe(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("problems: [] (expected: at least one)");
        }
        StringBuilder out = new StringBuilder().append(problems.size()).append(problems.size() == 1 ? " problem" : " problems");
        for (Problem problem : problems) {
            out.append(System.lineSeparator()).append(problem);
        }
        return out.toString();
    }
}
