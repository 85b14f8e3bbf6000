package dev.veil.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.tokenizer.detect.DetectorRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TicketCorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLES = Path.of("../examples/tickets");

    @Test
    void ticketsReachTheirSizeInTheirShapeWithTheirOwnId() throws Exception {
        for (TicketCorpus corpus : TicketCorpus.all(EXAMPLES, 7)) {
            for (int size : new int[] {4096, 65536}) {
                byte[] bytes = corpus.ticket(123, size);
                assertTrue(bytes.length >= size && bytes.length < size + 1200, corpus.shape() + " " + size + ": " + bytes.length);
                JsonNode ticket = JSON.readTree(bytes);
                JsonNode id = ticket.at(corpus.shape().idPointer());
                assertTrue(id.asText().endsWith("123"), corpus.shape() + " id " + id);
                assertTrue(ticket.at(corpus.shape().commentsPointer()).size() >= 2, corpus.shape() + " comments");
                String text = new String(bytes, StandardCharsets.UTF_8);
                assertTrue(text.indexOf('\t') < 0 && text.indexOf('\n') < 0, "wrk's delivery file is tab- and line-separated");
            }
        }
    }

    @Test
    void aFourKilobyteTicketCarriesAboutSixPiiValuesInItsComments() throws Exception {
        DetectorRegistry detectors = DetectorRegistry.defaults();
        for (TicketCorpus corpus : TicketCorpus.all(EXAMPLES, 11)) {
            JsonNode comments = JSON.readTree(corpus.ticket(1, 4096)).at(corpus.shape().commentsPointer());
            int found = 0;
            for (JsonNode comment : comments) {
                for (JsonNode field : comment) {
                    if (field.isTextual() && field.textValue().length() > 100) {
                        found += detectors.detect(field.textValue()).size();
                    }
                }
            }
            assertTrue(found >= 3 && found <= 12, corpus.shape() + " " + corpus.language() + ": " + found + " PII values");
        }
    }

    @Test
    void theSameSeedGivesTheSameTickets() {
        byte[] a = TicketCorpus.of(EXAMPLES, TicketCorpus.Shape.FRESHDESK, true, 3).ticket(9, 4096);
        byte[] b = TicketCorpus.of(EXAMPLES, TicketCorpus.Shape.FRESHDESK, true, 3).ticket(9, 4096);
        assertEquals(new String(a, StandardCharsets.UTF_8), new String(b, StandardCharsets.UTF_8));
    }
}
