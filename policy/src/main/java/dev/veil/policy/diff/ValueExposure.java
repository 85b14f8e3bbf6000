package dev.veil.policy.diff;

import static java.util.Objects.requireNonNull;

/**
 * A personal-data value that experts can read more of under the new policy: where in the expert's
 * view ({@code path}, in safe form: member names that are not plain identifiers become {@code *}),
 * its PII type ({@code field} when none is known), where the original sits in the input
 * ({@code source}, safe form), and how many of its letters and digits are readable there before and
 * after (see {@link Readable}). Never the value.
 */
public record ValueExposure(String path, String type, String source, int before, int after) {

    public ValueExposure {
        requireNonNull(path, "path");
        requireNonNull(type, "type");
        requireNonNull(source, "source");
    }
}
