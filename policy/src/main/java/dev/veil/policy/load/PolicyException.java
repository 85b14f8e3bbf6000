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
        super(CODE, Problem.describe(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, sorted by file, line and column. */
    public List<Problem> problems() {
        return problems;
    }
}
