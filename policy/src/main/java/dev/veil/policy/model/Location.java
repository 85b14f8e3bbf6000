package dev.veil.policy.model;

import static java.util.Objects.requireNonNull;

/** Where a policy element was written: file, one-based line and column, and its key path. */
public record Location(String file, int line, int column, String keyPath) {

    public Location {
        requireNonNull(file, "file");
        requireNonNull(keyPath, "keyPath");
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
