package dev.veil.bench.accuracy;

import dev.veil.tokenizer.detect.PiiType;
import dev.veil.tokenizer.detect.Span;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Scores detections against a data set's annotations with one fixed rule.
 *
 * <ol>
 *   <li>Annotations of the same label separated only by whitespace and punctuation (no letter or
 *       digit between them) are merged into one annotation, as Presidio's evaluator builds spans
 *       from consecutive tokens of the same type.
 *   <li>For each scored Veil type, a detection of that type and an annotation mapped to it can be
 *       paired when they overlap by at least one character. Pairs are one-to-one: each annotation
 *       is matched at most once and each detection at most once, and the matching is a maximum
 *       one (as many pairs as possible), so the result does not depend on order.
 *   <li>Precision = matched detections / detections of the type; recall = matched annotations /
 *       annotations of the type; F2 = 5PR / (4P + R).
 *   <li>A detection of any type that overlaps no annotation of any label (mapped or not) counts
 *       towards false positives per 10,000 words, words being runs of non-whitespace characters.
 * </ol>
 */
public final class Scorer {

    private Scorer() {}

    /** Runs {@code detector} over every document of {@code dataset} and scores what it returns. */
    public static SetResult score(Dataset dataset, Function<String, List<Span>> detector) {
        List<PiiType> scored = new ArrayList<>(new LinkedHashSet<>(dataset.mapping().values()));
        Map<PiiType, Counts> counts = new LinkedHashMap<>();
        scored.forEach(type -> counts.put(type, Counts.ZERO));
        List<Miss> misses = new ArrayList<>();
        long words = 0;
        int detections = 0;
        int unannotated = 0;
        for (Document document : dataset.documents()) {
            List<Entity> gold = merge(document);
            List<Span> predicted = detector.apply(document.text());
            words += words(document.text());
            detections += predicted.size();
            for (Span span : predicted) {
                if (gold.stream().noneMatch(entity -> entity.overlaps(span.start(), span.end()))) {
                    unannotated++;
                    if (!counts.containsKey(span.type())) {
                        misses.add(new Miss(Miss.Kind.STRAY, span.type(), document, span.start(), span.end()));
                    }
                }
            }
            for (PiiType type : scored) {
                List<Entity> goldOfType = gold.stream().filter(e -> type.equals(dataset.mapping().get(e.label()))).toList();
                List<Span> predictedOfType = predicted.stream().filter(s -> s.type().equals(type)).toList();
                counts.merge(type, match(type, document, goldOfType, predictedOfType, misses), Counts::plus);
            }
        }
        return new SetResult(dataset.name(), counts, words, detections, unannotated, misses);
    }

    /** The document's annotations with same-label neighbours joined across letter- and digit-free gaps. */
    static List<Entity> merge(Document document) {
        String text = document.text();
        List<Entity> sorted = new ArrayList<>(document.entities());
        sorted.sort(Comparator.comparingInt(Entity::start).thenComparingInt(Entity::end));
        List<Entity> merged = new ArrayList<>(sorted.size());
        for (Entity entity : sorted) {
            int last = merged.size() - 1;
            if (last >= 0 && joinable(text, merged.get(last), entity)) {
                Entity previous = merged.get(last);
                merged.set(last, new Entity(previous.label(), previous.start(), Math.max(previous.end(), entity.end())));
            } else {
                merged.add(entity);
            }
        }
        return merged;
    }

    private static boolean joinable(String text, Entity previous, Entity next) {
        if (!previous.label().equals(next.label())) {
            return false;
        }
        for (int i = previous.end(); i < next.start(); i++) {
            if (Character.isLetterOrDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static Counts match(PiiType type, Document document, List<Entity> gold, List<Span> predicted, List<Miss> misses) {
        int[] goldOf = new int[predicted.size()];
        int[] predictedOf = new int[gold.size()];
        Arrays.fill(goldOf, -1);
        Arrays.fill(predictedOf, -1);
        int matched = 0;
        for (int p = 0; p < predicted.size(); p++) {
            if (augment(p, predicted, gold, goldOf, predictedOf, new boolean[gold.size()])) {
                matched++;
            }
        }
        for (int p = 0; p < predicted.size(); p++) {
            if (goldOf[p] < 0) {
                misses.add(new Miss(Miss.Kind.WRONG, type, document, predicted.get(p).start(), predicted.get(p).end()));
            }
        }
        for (int g = 0; g < gold.size(); g++) {
            if (predictedOf[g] < 0) {
                misses.add(new Miss(Miss.Kind.MISSED, type, document, gold.get(g).start(), gold.get(g).end()));
            }
        }
        return new Counts(predicted.size(), gold.size(), matched);
    }

    /** Kuhn's augmenting path: can detection {@code p} be paired, re-pairing others if need be. */
    private static boolean augment(int p, List<Span> predicted, List<Entity> gold, int[] goldOf, int[] predictedOf,
            boolean[] visited) {
        Span span = predicted.get(p);
        for (int g = 0; g < gold.size(); g++) {
            if (visited[g] || !gold.get(g).overlaps(span.start(), span.end())) {
                continue;
            }
            visited[g] = true;
            if (predictedOf[g] < 0 || augment(predictedOf[g], predicted, gold, goldOf, predictedOf, visited)) {
                goldOf[p] = g;
                predictedOf[g] = p;
                return true;
            }
        }
        return false;
    }

    static long words(String text) {
        long count = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Character.isWhitespace(text.charAt(i));
            if (!space && !inWord) {
                count++;
            }
            inWord = !space;
        }
        return count;
    }
}
