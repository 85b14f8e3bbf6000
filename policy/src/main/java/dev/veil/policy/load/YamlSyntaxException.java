package dev.veil.policy.load;

/** The policy file is not well-formed YAML, or uses YAML features policies do not allow. */
final class YamlSyntaxException extends RuntimeException {

    private final transient Mark mark;

    YamlSyntaxException(String message, Mark mark) {
        super(message);
        this.mark = mark;
    }

    Mark mark() {
        return mark;
    }
}
