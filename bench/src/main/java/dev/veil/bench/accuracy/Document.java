package dev.veil.bench.accuracy;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** One text of a benchmark with its annotated entities; {@code id} says where it came from. */
public record Document(String id, String text, List<Entity> entities) {

    public Document {
        requireNonNull(id, "id");
        requireNonNull(text, "text");
        entities = List.copyOf(entities);
        for (Entity entity : entities) {
            if (entity.end() > text.length()) {
                throw new IllegalArgumentException(
                        id + ": entity end " + entity.end() + " (expected: <= text length " + text.length() + ")");
            }
        }
    }

    /** Where the document came from and how many annotations it has; never its text. */
    @Override
    public String toString() {
        return "Document[" + id + ", " + entities.size() + " entities]";
    }
}
