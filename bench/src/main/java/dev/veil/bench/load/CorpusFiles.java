package dev.veil.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Writes one generated ticket of each shape and language in each of the load benchmark's sizes
 * (4 KB, 64 KB, 1 MiB) into a directory, as {@code zendesk-en-4k.json} and so on: the plain bodies
 * for the direct and nginx runs, and a corpus a reader can open.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.veil.bench.load.CorpusFiles EXAMPLES_DIR OUT_DIR</pre>
 */
public final class CorpusFiles {

    /** The benchmark's body sizes by name. */
    static final Map<String, Integer> SIZES = Map.of("4k", 4096, "64k", 64 * 1024, "1m", 1024 * 1024);

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: CorpusFiles EXAMPLES_DIR OUT_DIR");
            System.exit(2);
        }
        Path out = Files.createDirectories(Path.of(args[1]));
        long id = 1;
        for (TicketCorpus corpus : TicketCorpus.all(Path.of(args[0]), 42)) {
            for (Map.Entry<String, Integer> size : SIZES.entrySet()) {
                String name = corpus.shape().name().toLowerCase(Locale.ROOT) + "-" + corpus.language() + "-" + size.getKey() + ".json";
                Files.write(out.resolve(name), corpus.ticket(id++, size.getValue()));
            }
        }
    }
}
