package dev.veil.gateway.expert;

import dev.veil.gateway.core.GatewayException;
import dev.veil.policy.compile.CompiledPolicy;
import dev.veil.policy.compile.CompiledProfile;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** One place in a draft reply that the scan would replace (or that makes the policy refuse the reply). */
    record Finding(String type, int start, int end) {}

    /**
     * Where the same scan {@link #scan} runs finds PII in {@code text}, by type and position only:
     * nothing is tokenized, stored or refused, so a draft can be checked as it is typed.
     */
    static List<Finding> findings(CompiledPolicy policy, String text) {
        return replaceable(policy, text).stream().map(s -> new Finding(s.type().name(), s.start(), s.end())).toList();
    }

    static Scanned scan(CompiledPolicy policy, String text) {
        List<Span> replace = replaceable(policy, text);
        Map<String, Integer> findings = new TreeMap<>();
        for (Span span : replace) {
            findings.merge(span.type().name(), 1, Integer::sum);
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

    /** The spans a reply scan acts on, in text order: found, not kept by the policy, not inside a quoted token. */
    private static List<Span> replaceable(CompiledPolicy policy, String text) {
        List<int[]> quoted = quotedTokens(policy, text);
        List<Span> out = new ArrayList<>();
        for (Span span : nonOverlapping(policy.scanner().detect(text))) {
            if (policy.spanRule(span.type()).action() != Action.KEEP && !insideToken(span, quoted)) {
                out.add(span);
            }
        }
        return out;
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

    /** Where the reply quotes vaulted tokens of the policy's profiles: those are revealed for the CRM, never scanned as PII. */
    private static List<int[]> quotedTokens(CompiledPolicy policy, String text) {
        List<int[]> out = new ArrayList<>();
        Matcher m = tokenMatcher(policy, text);
        while (m != null && m.find()) {
            out.add(new int[] {m.start(), m.end()});
        }
        return out;
    }

    /**
     * A matcher over {@code text} for vaulted tokens quoted in it as the revealer matches them (a
     * reversible profile's prefix and a 22-character body, not inside a longer word), or null if the
     * policy has no reversible profile with a prefix.
     */
    static Matcher tokenMatcher(CompiledPolicy policy, String text) {
        StringBuilder prefixes = new StringBuilder();
        for (CompiledProfile p : policy.profiles().values()) {
            if (p.reversible() && p.prefix() != null) {
                prefixes.append(prefixes.length() == 0 ? "" : "|").append(Pattern.quote(p.prefix()));
            }
        }
        if (prefixes.length() == 0) {
            return null;
        }
        return Pattern.compile("(?<![0-9A-Za-z_])(?:" + prefixes + ")[0-9A-Za-z]{22}(?![0-9A-Za-z])").matcher(text);
    }

    private static boolean insideToken(Span span, List<int[]> quoted) {
        for (int[] t : quoted) {
            if (span.start() >= t[0] && span.end() <= t[1]) {
                return true;
            }
        }
        return false;
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
