package dev.veil.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
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
        SafepointPauses.Summary s = SafepointPauses.summarize(log, "fixed-veil-intake", 1_000, 2_000, List.of());
        assertEquals(new SafepointPauses.Summary("fixed-veil-intake", 3, 30_586 + 60 + 2_000, 30_586, 1, 0, 0), s);
    }

    @Test
    void aWindowWithoutSafepointsIsZeroes() {
        assertEquals(new SafepointPauses.Summary("x", 0, 0, 0, 0, 0, 0),
                SafepointPauses.summarize(List.of(safepoint(5, "Cleanup", 1_000)), "x", 10, 20, List.of()));
    }

    @Test
    void theLineRoundTripsAndLoadTableSaysWhatItMeans() {
        SafepointPauses.Summary s = new SafepointPauses.Summary("fixed-veil-intake", 6, 311_245, 126_481, 3, 0, 0);
        assertEquals(s, SafepointPauses.Summary.parse(s.line()));
        assertEquals("fixed-veil-intake: Veil's JVM stood still 6 times in the measured run, 311.2 ms in all, the longest 126.5 ms;"
                + " 3 over 2 ms (safepoints: collector pauses and other stops)", LoadTable.pauseLine(s));
        SafepointPauses.Summary traced = new SafepointPauses.Summary("fixed-veil-intake", 6, 311_245, 126_481, 3, 160, 49);
        assertEquals(traced, SafepointPauses.Summary.parse(traced.line()));
        assertEquals(LoadTable.pauseLine(s) + "; of its slowest 1 % (160 requests), 49 were in flight during a stop over 2 ms,"
                + " 111 without one", LoadTable.pauseLine(traced));
        assertThrows(IllegalArgumentException.class, () -> SafepointPauses.Summary.parse("PAUSES|x|1|2|3|4"));
    }

    @Test
    void countsTheSlowestRequestsInFlightDuringALongStop() {
        // one stop of 30 ms ending at 1,100 ms (so from 1,070) and one of 1 ms, too short to count
        List<String> log = List.of(safepoint(1_100, "G1CollectForAllocation", 30_000_000), safepoint(1_500, "Cleanup", 1_000_000));
        List<SafepointPauses.Request> trace = new ArrayList<>();
        for (int k = 0; k < 297; k++) {
            trace.add(new SafepointPauses.Request(2_000 + k, 900)); // fast, after both stops
        }
        trace.add(new SafepointPauses.Request(1_060.0, 20_000)); // due before the stop, answered after it began
        trace.add(new SafepointPauses.Request(1_450.0, 60_000)); // over the short stop only
        trace.add(new SafepointPauses.Request(1_050.0, 20_000)); // answered at 1,070, as the stop began: not during it
        SafepointPauses.Summary s = SafepointPauses.summarize(log, "fixed-veil-intake", 0, 10_000, trace);
        assertEquals(1, s.longCount(), "the 30-ms stop counts, the 1-ms one does not");
        assertEquals(3, s.slowest(), "1 % of 300 requests, rounded up");
        assertEquals(1, s.slowestInLongStops());
    }

    @Test
    void readsTheFixedRateTraceAndRefusesALineThatIsNotOne() {
        assertEquals(List.of(new SafepointPauses.Request(1796191133721.25, 2463)),
                SafepointPauses.readTrace(List.of("1796191133721.250\t2463", "")));
        assertThrows(IllegalArgumentException.class, () -> SafepointPauses.readTrace(List.of("1796191133721.250 2463")));
    }
}
