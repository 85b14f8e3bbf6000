package dev.veil.bench;

import dev.veil.tokenizer.detect.DetectorRegistry;
import dev.veil.tokenizer.detect.NormalizedText;
import dev.veil.tokenizer.detect.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * PII detection speed over synthetic support tickets (English and Spanish), next to two trivial
 * scans of the same text measured in the same run.
 *
 * <p>Throughput benchmarks ({@code corpus*}) process a fixed 256 KiB corpus per operation, so
 * MB/s = ops/s x 0.262144 (the corpus is ASCII-heavy; its exact UTF-8 size is printed at setup).
 * Average-time benchmarks ({@code ticket*}) process one 4 KiB ticket per operation, cycling
 * through the tickets.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DetectionBenchmark {

    /** Size of the throughput corpus in chars. */
    static final int CORPUS_CHARS = 256 * 1024;
    /** Size of one ticket in the per-ticket mode, in chars. */
    static final int TICKET_CHARS = 4096;

    private static final Pattern DIGIT = Pattern.compile("\\d");

    private final DetectorRegistry registry = DetectorRegistry.defaults();
    private String corpus;
    private String[] tickets;
    private int next;

    @Setup
    public void setUp() {
        List<String> texts = loadTickets();
        corpus = corpus(texts);
        tickets = fourKiloTickets(texts);
        System.out.printf("%ncorpus: %d chars, %d UTF-8 bytes; %d tickets of %d chars; %d spans in the corpus%n",
                corpus.length(), corpus.getBytes(StandardCharsets.UTF_8).length, tickets.length, TICKET_CHARS,
                registry.detect(corpus).size());
        System.out.printf("normalized view of the corpus %s%n", NormalizedText.of(corpus).changed() ? "differs from it" : "is the corpus itself");
    }

    /** The throughput corpus: the tickets in order, repeated, cut at {@link #CORPUS_CHARS}. */
    static String corpus(List<String> texts) {
        StringBuilder all = new StringBuilder(CORPUS_CHARS + 4096);
        while (all.length() < CORPUS_CHARS) {
            for (String text : texts) {
                all.append(text).append("\n\n");
            }
        }
        return all.substring(0, CORPUS_CHARS);
    }

    /** Tickets of exactly 4 KiB, each made of whole ticket texts padded by the next ones. */
    private static String[] fourKiloTickets(List<String> texts) {
        List<String> out = new ArrayList<>();
        for (int first = 0; first < texts.size(); first++) {
            StringBuilder ticket = new StringBuilder(TICKET_CHARS + 1024);
            for (int k = first; ticket.length() < TICKET_CHARS; k = (k + 1) % texts.size()) {
                ticket.append(texts.get(k)).append("\n\n");
            }
            out.add(ticket.substring(0, TICKET_CHARS));
        }
        return out.toArray(new String[0]);
    }

    static List<String> loadTickets() {
        try (InputStream in = DetectionBenchmark.class.getResourceAsStream("/dev/veil/bench/tickets.txt")) {
            String file = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> tickets = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String line : file.split("\n")) {
                if (line.startsWith("#")) {
                    continue;
                }
                if (line.equals("---")) {
                    tickets.add(current.toString().strip());
                    current.setLength(0);
                } else {
                    current.append(line).append('\n');
                }
            }
            tickets.add(current.toString().strip());
            return tickets;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String nextTicket() {
        String ticket = tickets[next];
        next = next + 1 == tickets.length ? 0 : next + 1;
        return ticket;
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public List<Span> corpusDetectAll() {
        return registry.detect(corpus);
    }

    /** Baseline: one trivial regex scan finding every digit. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public int corpusBaselineDigitRegex() {
        return countDigits(corpus);
    }

    /** Baseline: the cheapest useful scan, every '@' by {@code String.indexOf}. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public int corpusBaselineIndexOfAt() {
        int count = 0;
        for (int i = corpus.indexOf('@'); i >= 0; i = corpus.indexOf('@', i + 1)) {
            count++;
        }
        return count;
    }

    /** The normalized view alone, which every text pays before its detectors run (docs/detection.md). */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public String corpusNormalizedView() {
        return NormalizedText.of(corpus).text();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public List<Span> ticketDetectAll() {
        return registry.detect(nextTicket());
    }

    /** Baseline for one ticket: the same trivial digit scan. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int ticketBaselineDigitRegex() {
        return countDigits(nextTicket());
    }

    private static int countDigits(String text) {
        Matcher matcher = DIGIT.matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
