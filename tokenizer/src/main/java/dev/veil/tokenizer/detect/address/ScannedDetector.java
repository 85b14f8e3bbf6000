package dev.veil.tokenizer.detect.address;

import dev.veil.tokenizer.detect.Span;
import java.util.List;

/** An address detector that reads the {@link AddressScan} the address detectors of one text share. */
interface ScannedDetector {

    /** Adds the spans found in {@code text}, whose shared scan is {@code scan}, to {@code out}. */
    void detect(Text text, AddressScan scan, List<Span> out);
}
