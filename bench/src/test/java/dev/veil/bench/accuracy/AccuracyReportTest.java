package dev.veil.bench.accuracy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccuracyReportTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void missingDataIsAnErrorAndNoFiguresArePrinted(@TempDir Path empty) throws IOException {
        int status = AccuracyReport.run(new String[] {empty.toString()}, print(out), print(err));
        assertThat(status).isEqualTo(2);
        assertThat(out.size()).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("benchmark data not found", "synth_dataset_v2.json", "meddocan", "no figures were computed");
    }

    @Test
    void unknownOptionIsAnError() throws IOException {
        assertThat(AccuracyReport.run(new String[] {"--fast"}, print(out), print(err))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option: --fast");
        assertThat(out.size()).isZero();
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
