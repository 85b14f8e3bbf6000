package dev.veil.bench.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.tokenizer.detect.PiiType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each reader on a small file in its data set's format, written for this test. */
class ReadersTest {

    @TempDir
    Path dir;

    @Test
    void readsPresidioSyntheticRecords() throws IOException {
        Path file = dir.resolve("synth.json");
        Files.writeString(file, """
                [{"full_text": "Mail tom@example.org now", "masked": "Mail {{EMAIL_ADDRESS}} now",
                  "spans": [{"entity_type": "EMAIL_ADDRESS", "entity_value": "tom@example.org",
                             "start_position": 5, "end_position": 20}], "template_id": 1, "metadata": null},
                 {"full_text": "Nothing here", "spans": []}]
                """);
        Dataset dataset = PresidioSynthReader.read(file);
        assertThat(dataset.documents()).hasSize(2);
        assertThat(dataset.documents().get(0).entities()).containsExactly(new Entity("EMAIL_ADDRESS", 5, 20));
        assertThat(dataset.mapping()).containsEntry("STREET_ADDRESS", PiiType.ADDRESS).containsEntry("PERSON", PiiType.PERSON);
    }

    @Test
    void readsBratPairsAndChecksOffsets() throws IOException {
        Files.writeString(dir.resolve("case-1.txt"), "Domicilio: C/ Mayor, 3.\nCorreo: luz@example.es\n");
        Files.writeString(dir.resolve("case-1.ann"), "T1\tCALLE 11 22\tC/ Mayor, 3\nT2\tCORREO_ELECTRONICO 32 46\tluz@example.es\n"
                + "#1\tAnnotatorNotes T1\tignored\n");
        Dataset dataset = MeddocanReader.read(dir);
        assertThat(dataset.documents()).singleElement().satisfies(document -> assertThat(document.entities())
                .containsExactly(new Entity("CALLE", 11, 22), new Entity("CORREO_ELECTRONICO", 32, 46)));

        Files.writeString(dir.resolve("case-1.ann"), "T1\tCALLE 12 23\tC/ Mayor, 3\n");
        assertThatThrownBy(() -> MeddocanReader.read(dir)).isInstanceOf(IOException.class).hasMessageContaining("T1");
    }

    @Test
    void keepsOnlyWholeAddressCasesOfThePyapFile() throws IOException {
        Path file = dir.resolve("pyap.txt");
        Files.writeString(file, String.join("\n", List.of(
                "# header",
                "US | test_zero_to_nine | True | seven ",
                "US | test_full_address | True | 12 Elm Road\\nSpringfield, IL 62704 ",
                "GB | test_full_address | False | 3 FOR 2 OFFER",
                "CA | test_po_box_positive | True | PO Box 77")));
        Dataset dataset = PyapReader.read(file);
        assertThat(dataset.documents()).extracting(Document::text)
                .containsExactly("12 Elm Road\nSpringfield, IL 62704 ", "3 FOR 2 OFFER", "PO Box 77");
        assertThat(dataset.documents()).extracting(d -> d.entities().size()).containsExactly(1, 0, 1);
        assertThat(dataset.documents().get(0).entities().get(0)).isEqualTo(new Entity("ADDRESS", 0, 33));
    }

    @Test
    void readsTheFirstPublishedTableOnly() throws IOException {
        PublishedFigures figures = PublishedFigures.parse(List.of(
                "# preamble CREDIT_CARD 1 2 3",
                "## vanilla",
                "PII overall: precision 0.5  recall 0.5  F2 0.5",
                "entity          precision  recall  F2",
                "CREDIT_CARD     1.000      0.772   0.809",
                "ORGANIZATION    n/a        0       n/a",
                "LOCATION        0.351      0.208   0.227   (comment)",
                "## custom",
                "CREDIT_CARD     0.100      0.100   0.100"));
        assertThat(figures.of("CREDIT_CARD")).contains(new PublishedFigures.Figures(1.0, 0.772, 0.809));
        assertThat(figures.of("LOCATION")).contains(new PublishedFigures.Figures(0.351, 0.208, 0.227));
        assertThat(figures.of("ORGANIZATION").orElseThrow().precision()).isNaN();
        assertThat(figures.of("PERSON")).isEmpty();
    }
}
