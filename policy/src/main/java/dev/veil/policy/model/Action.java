package dev.veil.policy.model;

import java.util.Locale;
import java.util.Optional;

/** What a rule does to the values it selects. */
public enum Action {
    /** The value reaches the expert unchanged; below an object or array, unnamed values are kept too. */
    KEEP(0),
    /** The member or element is removed. */
    DROP(6),
    /** The value is replaced by a placeholder such as {@code [REDACTED]}. */
    REDACT(5),
    /** Part of the value is shown, the rest masked, for example {@code •••• 4242}. */
    MASK(2),
    /** The value is replaced by a token that the vault or a key can turn back into the value. */
    TOKENIZE(3),
    /** The value is replaced by a keyed hash: stable, but never reversible. */
    PSEUDONYMIZE(4),
    /** Free text is scanned for personal data, each hit replaced per type; below a container, all text is. */
    SCAN(1);

    private final int protection;

    Action(int protection) {
        this.protection = protection;
    }

    /** The name as policies write it, for example {@code tokenize}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** How little of the value this action lets through: higher wins when rules conflict. */
    public int protection() {
        return protection;
    }

    /** The action a policy names {@code name}, if any. */
    public static Optional<Action> fromYaml(String name) {
        for (Action action : values()) {
            if (action.yamlName().equals(name)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
