package dev.veil.gateway.expert;

import dev.veil.gateway.core.GatewayException;
import dev.veil.policy.compile.CompiledPolicy;
import dev.veil.policy.compile.SpanRule;
import dev.veil.policy.model.Action;
import dev.veil.policy.model.Defaults;
import dev.veil.tokenizer.detect.Span;
import dev.veil.tokenizer.token.Token;
import dev.veil.tokenizer.token.TokenizationException;
import dev.veil.tokenizer.vault.KeyUnavailableException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scans an expert's reply with the brand policy's detectors before anything is stored: under
 * {@code replies: replace} each finding is replaced as the policy's {@code scan_actions} say;
 * under {@code replies: refuse} the reply is refused, naming the PII types found. Types the policy
 * keeps in free text (its own keep detectors) are not findings.
 */
final class ReplyScanner {

    private ReplyScanner() {
    }

    /** The reply with findings replaced, and the count of findings per type. */
    record Scanned(String text, Map<String, Integer> findings) {}

    static Scanned scan(CompiledPolicy policy, String text) {
        List<Span> spans = nonOverlapping(policy.scanner().detect(text));
        Map<String, Integer> findings = new TreeMap<>();
        List<Span> replace = new ArrayList<>();
        for (Span span : spans) {
            if (policy.spanRule(span.type()).action() != Action.KEEP) {
                findings.merge(span.type().name(), 1, Integer::sum);
                replace.add(span);
            }
        }
        if (findings.isEmpty()) {
            return new Scanned(text, findings);
        }
        if (policy.replies() == Defaults.Replies.REFUSE) {
            throw new GatewayException(GatewayException.REPLY_CONTAINS_PII,
                    "the reply contains personal data of types " + String.join(", ", findings.keySet()) + "; remove it and send again");
        }
        StringBuilder out = new StringBuilder(text.length() + 16 * replace.size());
        int at = 0;
        for (Span span : replace) {
            out.append(text, at, span.start()).append(replacement(policy, span, text.substring(span.start(), span.end())));
            at = span.end();
        }
        return new Scanned(out.append(text, at, text.length()).toString(), findings);
    }

    private static String replacement(CompiledPolicy policy, Span span, String found) {
        SpanRule rule = policy.spanRule(span.type());
        try {
            Token token = rule.format().tokenize(found);
            return token.text();
        } catch (KeyUnavailableException e) {
            throw e;
        } catch (TokenizationException e) {
            if (e.getCause() != null) {
                throw e; // the token store is down: fail closed
            }
            return policy.unknownRedaction().tokenize(found).text(); // the value does not fit the profile's shape
        }
    }

    /** Spans in text order; of overlapping spans the widest (then the first) wins, so nothing of either shows. */
    private static List<Span> nonOverlapping(List<Span> spans) {
        List<Span> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingInt(Span::start).thenComparing(Comparator.comparingInt(Span::length).reversed()));
        List<Span> out = new ArrayList<>();
        for (Span s : sorted) {
            Span last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last == null || s.start() >= last.end()) {
                out.add(s);
            } else if (s.end() > last.end()) {
                // a partial overlap: widen the last finding over both, replaced as the wider type
                Span wider = s.length() > last.length() ? s : last;
                out.set(out.size() - 1, new Span(wider.type(), last.start(), s.end(), wider.confidence()));
            }
        }
        return out;
    }
}
