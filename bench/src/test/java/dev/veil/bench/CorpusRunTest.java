package dev.veil.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veil.bench.load.TicketCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code bench/engine-compare.sh corpus}'s run takes in each brand's ticket with the base policy and every view, as intake does. */
class CorpusRunTest {

    private static final Path EXAMPLES = Path.of("../examples");

    @Test
    void everyTicketIsAppliedWithTheBasePolicyAndEachViewOfItsBrand() throws Exception {
        List<TicketCorpus> corpora = TicketCorpus.all(EXAMPLES.resolve("tickets"), 5);
        String[] names = {"acme.yaml", "globex.yaml", "initech.yaml"};
        String[] policies = new String[names.length];
        for (int k = 0; k < names.length; k++) {
            policies[k] = Files.readString(EXAMPLES.resolve("policies").resolve(names[k]));
        }
        byte[][] tickets = new byte[corpora.size()][];
        int[] policyOf = new int[corpora.size()];
        for (int i = 0; i < corpora.size(); i++) {
            tickets[i] = corpora.get(i).ticket(1000 + i, 4096);
            policyOf[i] = List.of("acme", "globex", "initech").indexOf(corpora.get(i).shape().brand());
        }
        CorpusRun run = new CorpusRun(names, policies, tickets, policyOf);
        assertEquals(corpora.size(), run.tickets());
        String report = run.report();
        // every example policy has one view besides the base policy: two reports per ticket
        assertEquals(2 * corpora.size(), report.lines().filter(line -> line.matches("\\d+ (null|senior|billing|trusted)")).count(), report);
        assertTrue(report.contains("0 null") && report.contains("0 senior") && report.contains("2 billing") && report.contains("4 trusted"), report);
        assertTrue(run.getAsInt() > 0, "the corpus's tickets are tokenized");
    }
}
