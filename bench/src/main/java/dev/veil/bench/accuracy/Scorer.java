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
 *   <li>Annotations scored as {@code ADDRESS} are joined with the next such annotation when
 *       nothing but whitespace, punctuation and other annotations lies between them: the data sets
 *       label an address in parts (house number, street, unit, city, postcode), and one address is
 *       one thing to find. No other label is joined: two e-mails side by side are two e-mails.
 *   <li>For each scored Veil type, a detection of that type and an annotation mapped to it can be
 *       paired when they overlap by at least one character. Pairs are one-to-one: each annotation
 *       is matched at most once and each detection at most once, and the matching is a maximum
 *       one (as many pairs as possible), so the result does not depend on order.
 *   <li>Precision = matched detections / detections of the type; recall = matched annotations /
 *       annotations of the type; F2 = 5PR / (4P + R). Coverage = share of the annotations'
 *       non-whitespace characters that lie inside a detection of the type, which shows what an
 *       overlap hides: a detection of the postcode alone matches an address but covers little.
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
            List<Entity> gold = merge(document, dataset.mapping());
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

    /** The document's annotations with the parts of each address joined into one annotation. */
    static List<Entity> merge(Document document, Map<String, PiiType> mapping) {
        String text = document.text();
        boolean[] annotated = new boolean[text.length()];
        for (Entity entity : document.entities()) {
            Arrays.fill(annotated, entity.start(), entity.end(), true);
        }
        List<Entity> sorted = new ArrayList<>(document.entities());
        sorted.sort(Comparator.comparingInt(Entity::start).thenComparingInt(Entity::end));
        List<Entity> merged = new ArrayList<>(sorted.size());
        int address = -1;
        for (Entity entity : sorted) {
            if (!PiiType.ADDRESS.equals(mapping.get(entity.label()))) {
                merged.add(entity);
                continue;
            }
            Entity open = address < 0 ? null : merged.get(address);
            if (open != null && onlySeparators(text, annotated, open.end(), entity.start())) {
                merged.set(address, new Entity(open.label(), open.start(), Math.max(open.end(), entity.end())));
            } else {
                address = merged.size();
                merged.add(entity);
            }
        }
        return merged;
    }

    private static boolean onlySeparators(String text, boolean[] annotated, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!annotated[i] && Character.isLetterOrDigit(text.charAt(i))) {
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
        long annotatedChars = 0;
        long coveredChars = 0;
        String text = document.text();
        for (Entity entity : gold) {
            for (int i = entity.start(); i < entity.end(); i++) {
                if (!Character.isWhitespace(text.charAt(i))) {
                    annotatedChars++;
                    if (covers(predicted, i)) {
                        coveredChars++;
                    }
                }
            }
        }
        return new Counts(predicted.size(), gold.size(), matched, annotatedChars, coveredChars);
    }

    private static boolean covers(List<Span> spans, int index) {
        for (Span span : spans) {
            if (span.start() <= index && index < span.end()) {
                return true;
            }
        }
        return false;
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
