package dev.veil.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadTableTest {

    private static String print(List<LoadTable.Row> rows, boolean[] clean) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        clean[0] = LoadTable.print(rows, Map.of(), 2, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void veilCasesAreComparedWithTheBaselinesOfTheirBodySize() {
        boolean[] clean = new boolean[1];
        String table = print(List.of(
                LoadTable.Row.parse("RESULT|direct-4k|32 conns|40000|2.000|100|900|2000|0|0"),
                LoadTable.Row.parse("RESULT|nginx-4k|32 conns|20000|2.000|200|1000|3000|0|0"),
                LoadTable.Row.parse("RESULT|nginx-64k|32 conns|4000|2.000|200|1000|3000|0|0"),
                LoadTable.Row.parse("RESULT|veil-intake-4k|32 conns|5000|2.000|2000|9000|12000|0|0"),
                LoadTable.Row.parse("RESULT|veil-intake-64k|32 conns|1000|2.000|2000|9000|12000|0|0"),
                LoadTable.Row.parse("RESULT|fixed-nginx|@100/s|1000|10.000|300|1500|2000|0|0"),
                LoadTable.Row.parse("RESULT|fixed-veil-intake|@100/s|1000|10.000|3000|2500|4000|0|0")), clean);
        assertTrue(clean[0]);
        assertTrue(table.contains("| veil-intake-4k         |  32 conns |     2,500 |     2.00 |     9.00 |    12.00 |       0 | 0.25x req/s    | 0.13x req/s    |            |       |"), table);
        assertTrue(table.contains("0.25x req/s    |                |"), "64k has no direct baseline: " + table);
        assertTrue(table.contains("+1.00 ms p99"), table);
    }

    @Test
    void moreCpuThanTheMachineHasOverARunIsFlagged() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // 2.5 s of CPU in a 1-second run on 2 cores: the CPU time and the requests cover different stretches
        boolean clean = LoadTable.print(List.of(LoadTable.Row.parse("RESULT|veil-intake-4k|16 conns|3000|1.000|2000|9000|12000|0|0")),
                Map.of("veil-intake-4k", LoadTable.Cpu.parse("CPU|veil-intake-4k|250|10|100")), 2, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String table = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(clean);
        assertTrue(table.contains("load: veil-intake-4k: Veil used 2.50 cores over the measured run's 1.0 s on a machine of 2: its CPU time"
                + " and its requests do not cover the same stretch"), table);
    }

    @Test
    void errorsAndReplaysFailTheRun() {
        boolean[] clean = new boolean[1];
        String table = print(List.of(LoadTable.Row.parse("RESULT|veil-intake-4k|8 conns|10|1.000|1|1|1|0|3")), clean);
        assertFalse(clean[0]);
        assertTrue(table.contains("|       3 |"), table);
    }

    @Test
    void cpuTimeIsGivenPerCompletedRequestWithTheJitShare() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // 5,000 requests in 2 s; 350 ticks at 100 Hz = 3.5 s of CPU, 35 of them in the JIT compilers
        boolean clean = LoadTable.print(List.of(LoadTable.Row.parse("RESULT|veil-intake-4k|32 conns|5000|2.000|2000|9000|12000|0|0"),
                        LoadTable.Row.parse("RESULT|nginx-4k|32 conns|20000|2.000|200|1000|3000|0|0")),
                Map.of("veil-intake-4k", LoadTable.Cpu.parse("CPU|veil-intake-4k|350|35|100")), 2, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String table = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(clean);
        assertTrue(table.contains("| 0.25x req/s    |                |      0.700 |    10 |"), table);
        assertFalse(table.contains("reads high"), "3.5 s of CPU in 2 s is 1.75 of 2 cores: " + table);
        assertTrue(table.contains("| nginx-4k               |  32 conns |    10,000 |     0.20 |     1.00 |     3.00 |       0 |                |                |            |       |"), table);
    }

    @Test
    void unreadableCpuLinesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LoadTable.Cpu.parse("CPU|veil-intake-4k|350|35"));
        assertThrows(IllegalArgumentException.class, () -> LoadTable.Cpu.parse("CPU|veil-intake-4k|350|35|0"));
        assertThrows(IllegalArgumentException.class, () -> LoadTable.Cpu.parse("CPU|veil-intake-4k|-1|0|100"));
    }

    @Test
    void sizesComeFromTheCaseName() {
        assertEquals("64k", LoadTable.size("veil-intake-64k"));
        assertEquals("1m", LoadTable.size("nginx-1m"));
        assertEquals("4k", LoadTable.size("veil-expert-get"));
    }
}
