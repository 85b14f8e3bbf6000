package dev.veil.policy.yaml;

/** A position in a YAML file: one-based line and column. */
public record Mark(int line, int column) {

    /** The start of a file, for problems about the file as a whole. */
    public static final Mark START = new Mark(1, 1);
}
