package dev.veil.bench.accuracy;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.detect.PiiType;
import java.util.Map;

/**
 * What the report shows for one data set besides Veil's counts: the target per type and the
 * Presidio entity whose published figures sit next to each type (both optional per type).
 */
public record SetSpec(Dataset dataset, Map<PiiType, Target> targets, Map<PiiType, String> presidioEntities) {

    public SetSpec {
        requireNonNull(dataset, "dataset");
        targets = Map.copyOf(targets);
        presidioEntities = Map.copyOf(presidioEntities);
    }
}
