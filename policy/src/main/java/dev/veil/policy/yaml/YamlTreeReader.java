package dev.veil.policy.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads one YAML document into {@link YamlNode}s that remember where they start. Rejects what a
 * configuration file never needs and what hides mistakes: duplicate keys, aliases and several
 * documents. Every problem goes to a {@link Problems}; nothing is thrown for bad input.
 */
public final class YamlTreeReader {

    private static final int MAX_DEPTH = 32;

    private final YAMLFactory factory;
    private final String document;

    private YamlTreeReader(String document) {
        this.document = document;
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // we report duplicates ourselves, with both positions
        options.setMaxAliasesForCollections(0);
        options.setNestingDepthLimit(MAX_DEPTH);
        this.factory = YAMLFactory.builder()
                .loaderOptions(options)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                .build();
    }

    /** A reader of files that each hold one {@code document}, as "expected: one policy per file" names it. */
    public static YamlTreeReader of(String document) {
        return new YamlTreeReader(java.util.Objects.requireNonNull(document, "document"));
    }

    /**
     * Parses {@code text}. Returns {@code null} for an empty document, and for text that is not
     * YAML after adding the first syntax error, with its position, to {@code problems}. Duplicate
     * keys are added to {@code problems} and the first occurrence kept, so that later checks still run.
     */
    public YamlNode read(String text, Problems problems) {
        try {
            return parse(text, problems);
        } catch (YamlSyntaxException e) {
            problems.add(e.mark, "", e.getMessage());
            return null;
        }
    }

    private YamlNode parse(String text, Problems problems) {
        try (YAMLParser parser = factory.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return null;
            }
            YamlNode root = node(parser, problems, "");
            JsonToken extra = parser.nextToken();
            if (extra != null) {
                throw new YamlSyntaxException("more than one YAML document (expected: one " + document + " per file)", mark(parser));
            }
            return root;
        } catch (JsonProcessingException e) {
            MarkedYAMLException marked = marked(e);
            if (marked != null && marked.getProblemMark() != null) {
                String context = marked.getContext() == null ? "" : marked.getContext()
                        + (marked.getContextMark() == null ? "" : " started at line " + (marked.getContextMark().getLine() + 1)
                                + ", column " + (marked.getContextMark().getColumn() + 1)) + ": ";
                throw new YamlSyntaxException("not valid YAML: " + context + firstLine(marked.getProblem()),
                        new Mark(marked.getProblemMark().getLine() + 1, marked.getProblemMark().getColumn() + 1));
            }
            JsonLocation location = e.getLocation();
            Mark mark = location == null ? new Mark(1, 1) : new Mark(Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
            throw new YamlSyntaxException("not valid YAML: " + firstLine(e.getOriginalMessage()), mark);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("reading YAML from a string failed", e);
        }
    }

    private YamlNode node(YAMLParser parser, Problems problems, String path) throws IOException {
        Mark mark = mark(parser);
        if (parser.isCurrentAlias()) {
            throw new YamlSyntaxException("YAML aliases are not supported (expected: the value written out)", mark);
        }
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT:
                return map(parser, mark, problems, path);
            case START_ARRAY:
                List<YamlNode> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(node(parser, problems, NodeReader.index(path, items.size())));
                }
                return new YamlNode.ListNode(mark, List.copyOf(items));
            case VALUE_STRING:
                return new YamlNode.Scalar(mark, parser.getText(), YamlNode.Scalar.Kind.STRING);
            case VALUE_NUMBER_INT:
                return new YamlNode.Scalar(mark, parser.getText(), YamlNode.Scalar.Kind.INTEGER);
            case VALUE_NUMBER_FLOAT:
                return new YamlNode.Scalar(mark, parser.getText(), YamlNode.Scalar.Kind.DECIMAL);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new YamlNode.Scalar(mark, parser.getText(), YamlNode.Scalar.Kind.BOOLEAN);
            case VALUE_NULL:
                return new YamlNode.Scalar(mark, "null", YamlNode.Scalar.Kind.NULL);
            default:
                throw new YamlSyntaxException("unsupported YAML value, such as !!binary (expected: maps, lists, strings, numbers and booleans)", mark);
        }
    }

    private YamlNode map(YAMLParser parser, Mark mark, Problems problems, String path) throws IOException {
        List<YamlNode.Entry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            Mark keyMark = mark(parser);
            parser.nextToken();
            YamlNode value = node(parser, problems, NodeReader.child(path, key));
            if (seen.add(key)) {
                entries.add(new YamlNode.Entry(key, keyMark, value));
            } else {
                Mark first = entries.stream().filter(e -> e.key().equals(key)).findFirst().orElseThrow().keyMark();
                problems.add(keyMark, NodeReader.child(path, key), "duplicate key '" + key + "' (first at line " + first.line() + "; expected: each key once)");
            }
        }
        return new YamlNode.MapNode(mark, List.copyOf(entries));
    }

    private static Mark mark(JsonParser parser) {
        JsonLocation location = parser.currentTokenLocation();
        return new Mark(Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
    }

    private static MarkedYAMLException marked(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException marked) {
                return marked;
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }

    /** Not well-formed YAML, or YAML features that configuration does not allow; never leaves this class. */
    private static final class YamlSyntaxException extends RuntimeException {

        private final transient Mark mark;

        YamlSyntaxException(String message, Mark mark) {
            super(message, null, false, false);
            this.mark = mark;
        }
    }
}
