package dev.veil.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class IntakeBenchTest {

    private static final Path EXAMPLES = Path.of("../examples/tickets");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aNewCrmIdGoesWhereEachShapeKeepsItsTicketId() throws Exception {
        for (TicketCorpus corpus : TicketCorpus.all(EXAMPLES, 42)) {
            byte[] body = corpus.ticket(1_000_123, 4096);
            JsonNode before = JSON.readTree(body);
            JsonNode after = JSON.readTree(IntakeBench.withCrmId(body, 4_567_890));

            String id = after.at(corpus.shape().idPointer()).asText();
            assertThat(id).as(corpus.shape().name()).endsWith("5567890");
            assertThat(before.at(corpus.shape().idPointer()).asText()).endsWith("1000123");
            // nothing else moved
            ((com.fasterxml.jackson.databind.node.ObjectNode) after.at(corpus.shape().idPointer().replaceAll("/[^/]*$", "")))
                    .set(corpus.shape().idPointer().replaceAll("^.*/", ""), before.at(corpus.shape().idPointer()));
            assertThat(after).isEqualTo(before);
        }
    }
}
