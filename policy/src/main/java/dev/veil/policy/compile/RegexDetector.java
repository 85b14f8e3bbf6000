package dev.veil.policy.compile;

import static java.util.Objects.requireNonNull;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.veil.policy.load.RegexBudget;
import dev.veil.tokenizer.detect.Detector;
import dev.veil.tokenizer.detect.PiiType;
import dev.veil.tokenizer.detect.Span;
import java.nio.CharBuffer;
import java.util.List;

/**
 * A policy's own detector: every match of an RE2 expression is a span of its type. RE2 runs in
 * time linear in the text, so no expression a policy can write stalls the gateway; and it runs
 * only on texts that contain the expression's required literal, when it has one.
 */
public final class RegexDetector implements Detector {

    private final PiiType type;
    private final Pattern pattern;
    private final double confidence;
    /** Characters every match contains (see {@link RequiredLiteral}); "" when none is known. */
    private final String required;
    /** Characters every match starts with ({@link RequiredLiteral#prefix}); "" when none is known. */
    private final String prefix;

    private RegexDetector(PiiType type, Pattern pattern, double confidence, String required, String prefix) {
        this.type = type;
        this.pattern = pattern;
        this.confidence = confidence;
        this.required = required;
        this.prefix = prefix;
    }

    /**
     * A detector of {@code type} for {@code regex} whose spans carry {@code confidence}.
     *
     * @throws com.google.re2j.PatternSyntaxException if {@code regex} is not RE2 syntax
     * @throws IllegalArgumentException if {@code regex} is past the {@link RegexBudget} limits
     */
    public static RegexDetector of(PiiType type, String regex, double confidence) {
        requireNonNull(type, "type");
        requireNonNull(regex, "regex");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence: " + confidence + " (expected: 0 to 1)");
        }
        RegexBudget.problem(regex).ifPresent(problem -> {
            throw new IllegalArgumentException("regex: " + problem);
        });
        return new RegexDetector(type, Pattern.compile(regex), confidence, RequiredLiteral.of(regex), RequiredLiteral.prefix(regex));
    }

    @Override
    public PiiType type() {
        return type;
    }

    @Override
    public void detect(String text, List<Span> out) {
        if (!required.isEmpty() && !text.contains(required)) {
            return; // every match contains it: RE2 need not run
        }
        if (!prefix.isEmpty()) {
            detectAtPrefix(text, out);
            return;
        }
        Matcher matcher = pattern.matcher(text);
        int from = 0;
        while (from <= text.length() && matcher.find(from)) {
            int start = matcher.start();
            int end = matcher.end();
            if (end > start) {
                out.add(new Span(type, start, end, confidence));
                from = end;
            } else {
                from = end + 1;
            }
            if (!required.isEmpty() && text.indexOf(required, from) < 0) {
                return; // a next match would start at from or later and hold the literal: none can
            }
        }
    }

    /**
     * Every match starts with the prefix, so the leftmost match from a position is the first match
     * RE2 finds anchored at an occurrence of the prefix there or later: one thread stepping through
     * the match, where an unanchored search starts a thread at every character. The input RE2 sees
     * starts at the occurrence; no assertion is read there (the prefix's first character is), and
     * every later one reads characters of that input, as it would in the whole text.
     */
    private void detectAtPrefix(String text, List<Span> out) {
        Matcher matcher = null;
        int at = text.indexOf(prefix);
        while (at >= 0) {
            CharBuffer rest = CharBuffer.wrap(text, at, text.length());
            matcher = matcher == null ? pattern.matcher(rest) : matcher.reset(rest);
            if (!matcher.lookingAt()) {
                at = text.indexOf(prefix, at + 1);
                continue;
            }
            int end = at + matcher.end(); // never empty: it holds the prefix
            out.add(new Span(type, at, end, confidence));
            if (text.indexOf(required, end) < 0) {
                return; // a next match would start at end or later and hold the literal: none can
            }
            at = text.indexOf(prefix, end);
        }
    }

    @Override
    public String toString() {
        return "RegexDetector[" + type + "]";
    }
}
