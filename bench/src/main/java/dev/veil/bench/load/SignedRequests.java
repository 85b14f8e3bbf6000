package dev.veil.bench.load;

import dev.veil.gateway.auth.StandardWebhooks;
import dev.veil.gateway.auth.SharedSecret;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Writes signed ticket deliveries for {@code wrk} to replay, one a line: path, {@code webhook-id},
 * {@code webhook-timestamp}, {@code webhook-signature} and the compact JSON body, separated by tabs.
 * Every delivery is a new ticket (its own CRM id and webhook id), cycling through the Zendesk,
 * Salesforce and Freshdesk shapes in English and Spanish; signatures are fresh for Standard
 * Webhooks' five-minute window, so the file is written just before its run.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.veil.bench.load.SignedRequests EXAMPLES_DIR SECRET BYTES COUNT FIRST_ID OUT</pre>
 */
public final class SignedRequests {

    public static void main(String[] args) throws IOException {
        if (args.length != 6) {
            System.err.println("usage: SignedRequests EXAMPLES_DIR SECRET BYTES COUNT FIRST_ID OUT");
            System.exit(2);
        }
        Path examples = Path.of(args[0]);
        StandardWebhooks signer = StandardWebhooks.of(List.of(SharedSecret.standardWebhooks(args[1])), Clock.systemUTC());
        int bytes = Integer.parseInt(args[2]);
        int count = Integer.parseInt(args[3]);
        long firstId = Long.parseLong(args[4]);
        List<TicketCorpus> corpora = TicketCorpus.all(examples, firstId);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(args[5])), 1 << 20)) {
            for (int i = 0; i < count; i++) {
                TicketCorpus corpus = corpora.get(i % corpora.size());
                long id = firstId + i;
                byte[] body = corpus.ticket(id, bytes);
                Map<String, String> headers = signer.sign("bench_" + id, body);
                String line = "/v1/brands/" + corpus.shape().brand() + "/tickets\t" + headers.get(StandardWebhooks.ID_HEADER) + '\t'
                        + headers.get(StandardWebhooks.TIMESTAMP_HEADER) + '\t' + headers.get(StandardWebhooks.SIGNATURE_HEADER) + '\t';
                out.write(line.getBytes(StandardCharsets.US_ASCII));
                out.write(body); // compact JSON: control characters are escaped, so no tab or newline
                out.write('\n');
            }
        }
    }
}
