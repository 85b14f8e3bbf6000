package dev.veil.gateway.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.veil.tokenizer.detect.PiiType;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.tracer.common.SpanContext;
import io.prometheus.metrics.tracer.initializer.SpanContextSupplier;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class VeilMetricsTest {

    // text format 0.0.4: comments, or a sample "name{label="value",...} number"; the writer sorts labels by name
    private static final Pattern HELP = Pattern.compile("# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*");
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (-?[0-9.eE+-]+|NaN|\\+Inf|-Inf)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    private static final List<String> HOSTILE = List.of("maria.lopez@example.com", "4111 1111 1111 1111",
            "/v1/tickets/T-123?email=x", "GET /v1/tickets/T-998", "\"}\n# HELP evil", "CUSTOMER_NAME");

    @Test
    void noSeriesSamplesExemplarsEvenInsideATracedSpan() {
        // the client's exemplar sampler reschedules itself per series on one shared thread every
        // ~90 ms, waking it hundreds of times a second under load; Veil records no traces to link
        SpanContextSupplier.setSpanContext(new SampledSpan());
        try {
            VeilMetrics m = VeilMetrics.create();
            m.request("GET /v1/offers", 200, Duration.ofMillis(3));
            m.piiFindings("CARD_NUMBER", "tokenize", 1);
            m.storeOperation("tickets", "write", Duration.ofMillis(2), false);
            m.queueDepth(2);
            m.claim("won");
            int exemplars = 0;
            for (MetricSnapshot s : m.registry().scrape()) {
                if (s instanceof CounterSnapshot c) {
                    exemplars += (int) c.getDataPoints().stream().filter(d -> d.getExemplar() != null).count();
                } else if (s instanceof GaugeSnapshot g) {
                    exemplars += (int) g.getDataPoints().stream().filter(d -> d.getExemplar() != null).count();
                } else if (s instanceof HistogramSnapshot h) {
                    exemplars += h.getDataPoints().stream().mapToInt(d -> d.getExemplars().size()).sum();
                }
            }
            assertEquals(0, exemplars);
        } finally {
            SpanContextSupplier.setSpanContext(null);
        }
    }

    /** A tracer's span that asks to be sampled, as an OpenTelemetry agent would supply one. */
    private static final class SampledSpan implements SpanContext {
        @Override
        public String getCurrentTraceId() {
            return "4bf92f3577b34da6a3ce929d0e0e4736";
        }

        @Override
        public String getCurrentSpanId() {
            return "00f067aa0ba902b7";
        }

        @Override
        public boolean isCurrentSpanSampled() {
            return true;
        }

        @Override
        public void markCurrentSpanAsExemplar() {}
    }

    @Test
    void scrapeParsesAndCountsWhatWasRecorded() {
        VeilMetrics m = VeilMetrics.builder().piiTypes(Set.of(PiiType.of("ACME_ORDER"))).build();
        m.request("POST /v1/brands/{brand}/tickets", 202, Duration.ofMillis(12));
        m.request("POST /v1/brands/{brand}/tickets", 202, Duration.ofMillis(30));
        m.request("GET /v1/offers", 401, Duration.ofMillis(1));
        m.piiFindings("CARD_NUMBER", "tokenize", 3);
        m.piiFindings("ACME_ORDER", "MASK", 1);
        m.tokensIssued("fpe-card", 3);
        m.tokensRevealed("random", 2);
        m.storeOperation("tickets", "write", Duration.ofMillis(2), false);
        m.storeOperation("tickets", "write", Duration.ofMillis(2), true);
        m.vaultOperation("decrypt", Duration.ofMillis(1), true);
        m.outboxDepth(4);
        m.deadLetters(1);
        m.queueDepth(7);
        m.offers(5);
        m.claim("won");
        m.claim("conflict");

        Map<String, Double> samples = parse(m.scrape());
        assertEquals(2.0, samples.get("veil_http_requests_total{route=\"POST /v1/brands/{brand}/tickets\",status=\"202\"}"));
        assertEquals(1.0, samples.get("veil_http_requests_total{route=\"GET /v1/offers\",status=\"401\"}"));
        assertEquals(2.0, samples.get("veil_http_request_duration_seconds_count{route=\"POST /v1/brands/{brand}/tickets\"}"));
        assertEquals(0.042, samples.get("veil_http_request_duration_seconds_sum{route=\"POST /v1/brands/{brand}/tickets\"}"), 1e-9);
        assertEquals(1.0, samples.get("veil_http_request_duration_seconds_bucket{route=\"POST /v1/brands/{brand}/tickets\",le=\"0.025\"}"));
        assertEquals(3.0, samples.get("veil_pii_findings_total{action=\"tokenize\",type=\"CARD_NUMBER\"}"));
        assertEquals(1.0, samples.get("veil_pii_findings_total{action=\"mask\",type=\"ACME_ORDER\"}"));
        assertEquals(3.0, samples.get("veil_tokens_issued_total{format=\"fpe-card\"}"));
        assertEquals(2.0, samples.get("veil_tokens_revealed_total{format=\"random\"}"));
        assertEquals(2.0, samples.get("veil_store_operation_duration_seconds_count{operation=\"write\",store=\"tickets\"}"));
        assertEquals(1.0, samples.get("veil_store_errors_total{operation=\"write\",store=\"tickets\"}"));
        assertEquals(1.0, samples.get("veil_vault_errors_total{operation=\"decrypt\"}"));
        assertEquals(4.0, samples.get("veil_outbox_depth"));
        assertEquals(1.0, samples.get("veil_outbox_dead_letters"));
        assertEquals(7.0, samples.get("veil_queue_depth"));
        assertEquals(5.0, samples.get("veil_offers_total"));
        assertEquals(1.0, samples.get("veil_claims_total{outcome=\"won\"}"));
        assertTrue(m.contentType().startsWith("text/plain; version=0.0.4"));
    }

    @Test
    void labelsNeverTakeValuesOutsideTheirClosedSets() {
        VeilMetrics m = VeilMetrics.create();
        for (String h : HOSTILE) {
            m.request(h, 200, Duration.ofMillis(1));
            m.piiFindings(h, h, 1);
            m.tokensIssued(h, 1);
            m.tokensRevealed(h, 1);
            m.storeOperation(h, h, Duration.ofMillis(1), true);
            m.vaultOperation(h, Duration.ofMillis(1), true);
            m.claim(h);
        }
        m.request("GET /v1/offers", 999, Duration.ofMillis(1));
        m.request(null, -1, Duration.ofMillis(1));
        String text = m.scrape();
        for (String h : HOSTILE) {
            assertFalse(text.contains(h), "a label took an arbitrary value: " + h);
        }
        Map<String, Set<String>> allowed = Map.of(
                "route", union(VeilMetrics.DEFAULT_ROUTES),
                "status", union(Set.of("200")),
                "type", union(Set.of("CARD_NUMBER", "EMAIL", "PHONE", "IBAN", "US_SSN", "ES_DNI", "ES_NIE", "IP_ADDRESS", "DATE_OF_BIRTH", "ADDRESS", "PERSON", "BANK_ACCOUNT")),
                "action", union(Set.of("keep", "drop", "redact", "mask", "tokenize", "pseudonymize", "scan")),
                "format", union(Set.of("fpe-digits", "fpe-alnum", "fpe-card", "random", "hash", "mask", "redact")),
                "store", union(VeilMetrics.DEFAULT_STORES),
                "operation", union(union(VeilMetrics.STORE_OPERATIONS), VeilMetrics.VAULT_OPERATIONS),
                "outcome", union(VeilMetrics.CLAIM_OUTCOMES));
        Set<String> seenOther = new HashSet<>();
        for (String series : parse(text).keySet()) {
            int brace = series.indexOf('{');
            if (brace < 0) {
                continue;
            }
            Matcher label = LABEL.matcher(series.substring(brace + 1, series.length() - 1));
            while (label.find()) {
                String name = label.group(1);
                String value = label.group(2);
                if (name.equals("le")) {
                    continue;
                }
                Set<String> ok = allowed.get(name);
                if (ok == null || !ok.contains(value)) {
                    fail("label " + name + " took " + value);
                }
                if (value.equals(VeilMetrics.OTHER)) {
                    seenOther.add(name);
                }
            }
        }
        assertEquals(Set.of("route", "status", "type", "action", "format", "store", "operation", "outcome"), seenOther);
    }

    private static Set<String> union(Set<String> a) {
        Set<String> s = new HashSet<>(a);
        s.add(VeilMetrics.OTHER);
        return s;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> s = new HashSet<>(a);
        s.addAll(b);
        return s;
    }

    /** Every sample line of a text exposition, by series; fails on any line that is not valid text format. */
    static Map<String, Double> parse(String text) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || HELP.matcher(line).matches()) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                fail("not text format: " + line);
            }
            if (m.group(3) != null) {
                Matcher label = LABEL.matcher(m.group(3));
                int end = 0;
                while (label.find() && label.start() == end) {
                    end = label.end();
                }
                assertEquals(m.group(3).length(), end, "labels of: " + line);
            }
            String value = m.group(4);
            samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)),
                    value.equals("+Inf") ? Double.POSITIVE_INFINITY : value.equals("-Inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(value));
        }
        return samples;
    }
}
