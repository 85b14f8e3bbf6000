package dev.veil.policy.load;

/** A position in a policy file: one-based line and column. */
record Mark(int line, int column) {}
