package dev.veil.bench.accuracy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Presidio's own published precision, recall and F2 per entity, read from the first table of
 * {@code published_results.txt} (the vanilla {@code AnalyzerEngine} evaluation).
 */
public final class PublishedFigures {

    /** One published row; a value Presidio did not publish is NaN. */
    public record Figures(double precision, double recall, double f2) {}

    private static final Pattern ROW = Pattern.compile("([A-Z_.]+)\\s+(n/a|[0-9.]+)\\s+(n/a|[0-9.]+)\\s+(n/a|[0-9.]+)\\b.*");

    private final Map<String, Figures> rows;

    private PublishedFigures(Map<String, Figures> rows) {
        this.rows = rows;
    }

    public static PublishedFigures read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    static PublishedFigures parse(List<String> lines) throws IOException {
        Map<String, Figures> rows = new LinkedHashMap<>();
        int sections = 0;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                sections++;
                continue;
            }
            Matcher row = ROW.matcher(line.strip());
            if (sections == 1 && row.matches()) {
                rows.put(row.group(1), new Figures(number(row.group(2)), number(row.group(3)), number(row.group(4))));
            }
        }
        if (rows.isEmpty()) {
            throw new IOException("published results: no entity table found in the first section");
        }
        return new PublishedFigures(rows);
    }

    private static double number(String value) {
        return value.equals("n/a") ? Double.NaN : Double.parseDouble(value);
    }

    /** The published row for Presidio's {@code entity}, if there is one. */
    public Optional<Figures> of(String entity) {
        return Optional.ofNullable(rows.get(entity));
    }
}
