package dev.veil.policy.compile;

import static java.util.Objects.requireNonNull;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.veil.policy.load.RegexBudget;
import dev.veil.tokenizer.detect.Detector;
import dev.veil.tokenizer.detect.PiiType;
import dev.veil.tokenizer.detect.Span;
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

    private RegexDetector(PiiType type, Pattern pattern, double confidence, String required) {
        this.type = type;
        this.pattern = pattern;
        this.confidence = confidence;
        this.required = required;
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
        return new RegexDetector(type, Pattern.compile(regex), confidence, RequiredLiteral.of(regex));
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

    @Override
    public String toString() {
        return "RegexDetector[" + type + "]";
    }
}
