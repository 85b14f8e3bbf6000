package dev.veil.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SafepointPausesTest {

    private static String safepoint(long atMillis, String what, long totalNanos) {
        return "[" + atMillis + "ms] Safepoint \"" + what + "\", Time since last: 3065735349 ns, Reaching safepoint: 229081 ns,"
                + " Cleanup: 6263 ns, At safepoint: 30351043 ns, Total: " + totalNanos + " ns";
    }

    @Test
    void countsTheSafepointsThatEndedInTheWindowOnly() {
        List<String> log = List.of(
                safepoint(999, "G1CollectForAllocation", 90_000_000),  // before the window
                safepoint(1_000, "G1CollectForAllocation", 30_586_387),
                "[1500ms] some other line the JVM logged",
                safepoint(1_700, "Cleanup", 60_030),
                safepoint(1_900, "ZMarkStart", 2_000_999),
                safepoint(2_000, "G1CollectForAllocation", 80_000_000)); // the window's end is exclusive
        SafepointPauses.Summary s = SafepointPauses.summarize(log, "fixed-veil-intake", 1_000, 2_000);
        assertEquals(new SafepointPauses.Summary("fixed-veil-intake", 3, 30_586 + 60 + 2_000, 30_586, 1), s);
    }

    @Test
    void aWindowWithoutSafepointsIsZeroes() {
        assertEquals(new SafepointPauses.Summary("x", 0, 0, 0, 0),
                SafepointPauses.summarize(List.of(safepoint(5, "Cleanup", 1_000)), "x", 10, 20));
    }

    @Test
    void theLineRoundTripsAndLoadTableSaysWhatItMeans() {
        SafepointPauses.Summary s = new SafepointPauses.Summary("fixed-veil-intake", 6, 311_245, 126_481, 3);
        assertEquals(s, SafepointPauses.Summary.parse(s.line()));
        assertEquals("fixed-veil-intake: Veil's JVM stood still 6 times in the measured run, 311.2 ms in all, the longest 126.5 ms;"
                + " 3 over 2 ms (safepoints: collector pauses and other stops)", LoadTable.pauseLine(s));
        assertThrows(IllegalArgumentException.class, () -> SafepointPauses.Summary.parse("PAUSES|x|1|2|3"));
    }
}
