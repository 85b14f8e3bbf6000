package dev.veil.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Files at the repository root (examples, docs), found from the module directory tests run in. */
public final class RepoFiles {

    private RepoFiles() {}

    /** The repository root: the nearest directory up from here that has {@code examples/}. */
    public static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("examples/policies"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no examples/policies above " + Path.of("").toAbsolutePath());
    }

    public static Path path(String relative) {
        return root().resolve(relative);
    }

    /** Every {@code examples/policies/*.yaml}, sorted. */
    public static List<Path> examplePolicies() {
        return list("examples/policies", ".yaml");
    }

    /** Every {@code examples/tickets/*.json}, sorted. */
    public static List<Path> exampleTickets() {
        return list("examples/tickets", ".json");
    }

    private static List<Path> list(String dir, String suffix) {
        try (Stream<Path> files = Files.list(path(dir))) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
