package dev.veil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.bench.variants.Variants;
import dev.veil.tokenizer.detect.DetectorRegistry;
import dev.veil.tokenizer.detect.Span;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Speed work on detection must not move a single span: {@code detectAll} over a large seeded corpus
 * (every variant family of {@link Variants}, English and Spanish tickets, HTML markup, entities and
 * percent-encoding, long documents) must give exactly the spans the code gave before that work.
 * The speed work kept the digests of commit {@code e203b5f}'s detection code; the ones below were
 * recomputed after it, when the address and grouping work made detectors find more on purpose and
 * the variant generator gained NIE values and regrouped and line-broken decoys.
 *
 * <p>A change that moves spans on purpose (a detector that finds more) updates the digests: the
 * failure message shows the new ones ({@code main} of this class prints them too); say in the
 * commit which figures of {@code bench/accuracy.sh} and {@code bench/variants.sh} changed and why.
 */
class DetectionSpanDigestTest {

    /** Part of the corpus, its number of spans and the SHA-256 of every span, as the old code found them. */
    private static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("variants", "3132 texts, 139999 chars, 2688 spans, sha256 03ec124cd969fcb9bda83598de1306b3bee86dd71ebd7cb6a675f31bc2dd7d54"),
            Map.entry("tickets", "30 texts, 5522 chars, 67 spans, sha256 0e32eeee51239dc06bcf772e2b43583c7b04270f6963975fbe9abf607eaa2d25"),
            Map.entry("documents", "40 texts, 678914 chars, 8377 spans, sha256 0a7cd64665bf84cb01edb324bfb978f06f3e5220c2a4eab30ab9e20ae16f4917"));

    private static final DetectorRegistry REGISTRY = DetectorRegistry.defaults();

    @Test
    void spansOfTheRegressionCorpusAreThoseTheCodeFoundBeforeTheSpeedWork() {
        assertThat(digests()).isEqualTo(EXPECTED);
    }

    public static void main(String[] args) {
        digests().forEach((part, digest) -> System.out.printf("Map.entry(\"%s\", \"%s\"),%n", part, digest));
    }

    static Map<String, String> digests() {
        List<String> tickets = DetectionBenchmark.loadTickets();
        Map<String, List<String>> parts = new LinkedHashMap<>();
        parts.put("variants", variantTexts());
        parts.put("tickets", tickets);
        parts.put("documents", documents(tickets, variantTexts()));
        Map<String, String> digests = new LinkedHashMap<>();
        parts.forEach((part, texts) -> digests.put(part, digest(texts)));
        return digests;
    }

    /** Every variant family and type, values and decoys, from three seeds. */
    private static List<String> variantTexts() {
        List<String> texts = new ArrayList<>();
        for (long seed = 1; seed <= 3; seed++) {
            for (Variants.Case c : new Variants(seed).generate(12)) {
                texts.add(c.text());
            }
        }
        return texts;
    }

    /**
     * Long documents: tickets and variant sentences in random order, some lines rendered as HTML
     * (block and inline tags, entities) or percent-encoded, joined by the separators real text has.
     */
    private static List<String> documents(List<String> tickets, List<String> variants) {
        Random random = new Random(20261130L);
        String[] joins = {"\n", "\n\n", " ", "\r\n", "<br>", "</p><p>", "\t"};
        List<String> documents = new ArrayList<>();
        for (int d = 0; d < 40; d++) {
            StringBuilder doc = new StringBuilder();
            int target = 2_000 + random.nextInt(30_000);
            if (random.nextInt(4) == 0) {
                doc.append("<html><body><div>");
            }
            while (doc.length() < target) {
                String piece = random.nextInt(3) == 0 ? tickets.get(random.nextInt(tickets.size()))
                        : variants.get(random.nextInt(variants.size()));
                switch (random.nextInt(8)) {
                    case 0 -> piece = "<p>" + piece.replace("\n", "<br/>\n") + "</p>";
                    case 1 -> piece = "<b>" + piece.replace(" ", "&nbsp;") + "</b>";
                    case 2 -> piece = piece.replace(" ", "%20").replace("@", "%40");
                    case 3 -> piece = piece.toUpperCase(java.util.Locale.ROOT);
                    default -> { }
                }
                doc.append(piece).append(joins[random.nextInt(joins.length)]);
            }
            documents.add(doc.toString());
        }
        return documents;
    }

    private static String digest(List<String> texts) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long spans = 0;
        long chars = 0;
        for (String text : texts) {
            chars += text.length();
            StringBuilder line = new StringBuilder();
            for (Span span : REGISTRY.detect(text)) {
                line.append(span.type()).append(' ').append(span.start()).append(' ').append(span.end()).append(' ')
                        .append(span.confidence()).append('\n');
                spans++;
            }
            line.append("--\n");
            sha.update(line.toString().getBytes(StandardCharsets.UTF_8));
        }
        return texts.size() + " texts, " + chars + " chars, " + spans + " spans, sha256 "
                + HexFormat.of().formatHex(sha.digest());
    }
}
