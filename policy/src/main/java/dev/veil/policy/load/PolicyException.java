package dev.veil.policy.load;

import dev.veil.policy.yaml.Problem;
import dev.veil.tokenizer.error.VeilException;
import java.util.List;

/**
 * A policy file has problems; {@link #problems()} lists every one found, in file order. Code
 * {@value #CODE}. The detail is about the security team's YAML (it may name policy keys and quote
 * policy text) and never about a document.
 */
public final class PolicyException extends VeilException {

    public static final String CODE = "invalid_policy";

    private final transient List<Problem> problems;

    public PolicyException(List<Problem> problems) {
        super(CODE, describe(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, sorted by file, line and column. */
    public List<Problem> problems() {
        return problems;
    }

    private static String describe(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("problems: [] (expected: at least one)");
        }
        StringBuilder out = new StringBuilder();
        out.append(problems.size()).append(problems.size() == 1 ? " problem" : " problems");
        for (Problem problem : problems) {
            out.append(System.lineSeparator()).append(problem);
        }
        return out.toString();
    }
}
