package dev.veil.policy.compile;

import dev.veil.tokenizer.detect.Detector;
import dev.veil.tokenizer.detect.DetectorRegistry;
import dev.veil.tokenizer.detect.PiiType;
import dev.veil.tokenizer.detect.Span;
import java.util.List;

/** The built-in detectors of one type, taken from a registry so they can join a policy's own. */
final class RegistryDetector implements Detector {

    private final PiiType type;
    private final DetectorRegistry registry;

    RegistryDetector(PiiType type, DetectorRegistry registry) {
        this.type = type;
        this.registry = registry.only(List.of(type));
    }

    @Override
    public PiiType type() {
        return type;
    }

    @Override
    public void detect(String text, List<Span> out) {
        out.addAll(registry.detect(text));
    }
}
