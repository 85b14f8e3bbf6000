package dev.veil.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadTableTest {

    private static String print(List<LoadTable.Row> rows, boolean[] clean) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        clean[0] = LoadTable.print(rows, new PrintStream(bytes, true, StandardCharsets.UTF_8));
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
        assertTrue(table.contains("| veil-intake-4k         |  32 conns |     2,500 |     2.00 |     9.00 |    12.00 |       0 | 0.25x req/s    | 0.13x req/s    |"), table);
        assertTrue(table.contains("0.25x req/s    |                |"), "64k has no direct baseline: " + table);
        assertTrue(table.contains("+1.00 ms p99"), table);
    }

    @Test
    void errorsAndReplaysFailTheRun() {
        boolean[] clean = new boolean[1];
        String table = print(List.of(LoadTable.Row.parse("RESULT|veil-intake-4k|8 conns|10|1.000|1|1|1|0|3")), clean);
        assertFalse(clean[0]);
        assertTrue(table.contains("|       3 |"), table);
    }

    @Test
    void sizesComeFromTheCaseName() {
        assertEquals("64k", LoadTable.size("veil-intake-64k"));
        assertEquals("1m", LoadTable.size("nginx-1m"));
        assertEquals("4k", LoadTable.size("veil-expert-get"));
    }
}
