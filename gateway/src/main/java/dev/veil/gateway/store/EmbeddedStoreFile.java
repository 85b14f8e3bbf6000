package dev.veil.gateway.store;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.vault.DurableMvStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * The data directory's one embedded store file, {@value #FILE}: tokens, tickets, routing state,
 * outbox and idempotency answers in separate maps of one {@link DurableMvStore}, so that a ticket's
 * writes to all of them reach the disk in one (group) commit. Opening a directory laid out the
 * older way (one file per store: {@code tokens.mv.db}, {@code tickets.mv.db}, {@code
 * routing.mv.db}, {@code outbox.mv.db}, {@code idempotency.mv.db}) migrates it first, once.
 *
 * <p><b>Migration.</b> Every map of the old files is copied into {@value #FILE}{@code .migrating}
 * (each copy forced to disk), each old file is renamed to {@code NAME.mv.db.migrated} (kept as a
 * backup for the operator to delete), and the new file is renamed into place; every rename is
 * forced. A crash at any step leaves a directory the next start migrates again from the old files,
 * under either name, since {@value #FILE} exists only once the copy is complete. The old files must
 * not be in use (a gateway of the older version still running makes the migration fail, naming the
 * file). A directory holding both {@value #FILE} and an old file is refused: the old file would
 * otherwise be silently ignored.
 */
public final class EmbeddedStoreFile {

    /** The file's name in the data directory. */
    public static final String FILE = "veil.mv.db";

    private static final String MIGRATING = FILE + ".migrating";
    private static final String MIGRATED = ".migrated";
    private static final int COPY_CHUNK = 10_000;

    /** How one map of an old file is typed; its name is kept in the new file. */
    private enum Kind {
        STRING_BYTES {
            @Override MVMap.Builder<Object, Object> builder() {
                return untyped(new MVMap.Builder<String, byte[]>().keyType(StringDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
            }
        },
        STRING_STRING {
            @Override MVMap.Builder<Object, Object> builder() {
                return untyped(new MVMap.Builder<String, String>().keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE));
            }
        },
        OBJECTS {
            @Override MVMap.Builder<Object, Object> builder() {
                return new MVMap.Builder<>();
            }
        };

        abstract MVMap.Builder<Object, Object> builder();

        /** Entries are only copied from one map to another of the same kind: their types need not be known here. */
        @SuppressWarnings({"unchecked", "rawtypes"})
        private static MVMap.Builder<Object, Object> untyped(MVMap.Builder<?, ?> typed) {
            return (MVMap.Builder) typed;
        }
    }

    /** The older layout: each file and the maps its store kept (names distinct across files). */
    private static final Map<String, Map<String, Kind>> OLD_FILES = oldFiles();

    private EmbeddedStoreFile() {
    }

    private static Map<String, Map<String, Kind>> oldFiles() {
        Map<String, Map<String, Kind>> files = new LinkedHashMap<>();
        files.put("tokens.mv.db", Map.of("tokens", Kind.STRING_BYTES, "fingerprints", Kind.STRING_STRING, "keyVersions", Kind.STRING_STRING));
        files.put("tickets.mv.db", Map.of("tickets", Kind.STRING_BYTES, "ticketIndex", Kind.STRING_BYTES));
        files.put("routing.mv.db", Map.of("routing.tickets", Kind.OBJECTS, "routing.ticketStates", Kind.OBJECTS, "routing.experts", Kind.OBJECTS,
                "routing.reputations", Kind.OBJECTS, "routing.resolutions", Kind.OBJECTS, "routing.ledger", Kind.OBJECTS));
        files.put("outbox.mv.db", Map.of("outbox", Kind.STRING_BYTES));
        files.put("idempotency.mv.db", Map.of("answers", Kind.STRING_BYTES));
        return files;
    }

    /**
     * Opens (creating, or migrating from the older layout) {@code dataDir}'s store file.
     *
     * @throws StoreUnavailableException if the file cannot be opened, the directory holds both
     *     layouts, or the migration fails (the old files are then untouched)
     */
    public static DurableMvStore open(Path dataDir) {
        requireNonNull(dataDir, "dataDir");
        Path file = dataDir.resolve(FILE);
        if (Files.exists(file)) {
            for (String old : OLD_FILES.keySet()) {
                if (Files.exists(dataDir.resolve(old))) {
                    throw new StoreUnavailableException("embedded store: " + dataDir.resolve(old) + " is a store file of the older layout next to "
                            + file + ", which replaced it; it is not read: move it out of the data directory (or, if it is newer, "
                            + "move " + FILE + " away instead so that it is migrated again)");
                }
            }
        } else {
            List<Path> sources = sources(dataDir);
            if (!sources.isEmpty()) {
                migrate(dataDir, sources);
            }
        }
        try {
            return DurableMvStore.open(file, "embedded store");
        } catch (IllegalStateException e) {
            throw new StoreUnavailableException("embedded store " + file + ": cannot open it (in use by another process, or unreadable)");
        }
    }

    /** The old files present, under their own name or (after an interrupted migration) their backup name. */
    private static List<Path> sources(Path dataDir) {
        List<Path> found = new ArrayList<>();
        for (String old : OLD_FILES.keySet()) {
            Path original = dataDir.resolve(old);
            Path backup = dataDir.resolve(old + MIGRATED);
            if (Files.exists(original)) {
                found.add(original);
            } else if (Files.exists(backup)) {
                found.add(backup);
            }
        }
        return found;
    }

    private static void migrate(Path dataDir, List<Path> sources) {
        Path target = dataDir.resolve(MIGRATING);
        try {
            DurableMvStore.deleteIfExists(target); // a copy a crash interrupted (and its log): made again from the sources
        } catch (IllegalStateException e) {
            throw new StoreUnavailableException("embedded store: cannot remove the unfinished " + target);
        }
        try (DurableMvStore into = openTarget(target)) {
            for (Path source : sources) {
                copy(source, into);
            }
        }
        for (Path source : sources) {
            if (!source.getFileName().toString().endsWith(MIGRATED)) {
                move(source, source.resolveSibling(source.getFileName() + MIGRATED));
            }
        }
        move(target, dataDir.resolve(FILE));
    }

    private static DurableMvStore openTarget(Path target) {
        try {
            return DurableMvStore.open(target, "embedded store");
        } catch (IllegalStateException e) {
            throw new StoreUnavailableException("embedded store: cannot create " + target);
        }
    }

    private static void copy(Path source, DurableMvStore into) {
        String name = source.getFileName().toString();
        Map<String, Kind> maps = OLD_FILES.get(name.endsWith(MIGRATED) ? name.substring(0, name.length() - MIGRATED.length()) : name);
        MVStore old;
        try {
            old = new MVStore.Builder().fileName(source.toString()).readOnly().open();
        } catch (MVStoreException e) {
            throw new StoreUnavailableException("embedded store: cannot migrate " + source
                    + (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED ? ": in use by another process (stop the older gateway first)" : ": cannot read it"));
        }
        try {
            for (String map : old.getMapNames()) {
                if (map.equals(DurableMvStore.CHECKPOINT_MAP)) {
                    continue; // the old file's own bookkeeping, closed cleanly (checkpointed) before the migration
                }
                Kind kind = maps.get(map);
                if (kind == null) {
                    throw new StoreUnavailableException("embedded store: cannot migrate " + source + ": it holds a map this version does not know");
                }
                copyMap(old.openMap(map, kind.builder()), into.openMap(map, kind.builder()), into);
            }
        } catch (MVStoreException | IllegalStateException e) {
            throw new StoreUnavailableException("embedded store: cannot migrate " + source + ": reading or copying it failed ("
                    + e.getClass().getSimpleName() + ")");
        } finally {
            old.close();
        }
    }

    private static void copyMap(MVMap<Object, Object> from, MVMap<Object, Object> to, DurableMvStore into) {
        Iterator<Map.Entry<Object, Object>> entries = from.entrySet().iterator();
        while (entries.hasNext()) {
            // bounded commits: a large store is not held in memory as one uncommitted change
            into.runDurably(chunk(entries, to));
        }
    }

    private static Runnable chunk(Iterator<Map.Entry<Object, Object>> entries, MVMap<Object, Object> to) {
        List<Map.Entry<Object, Object>> next = new ArrayList<>(COPY_CHUNK);
        while (entries.hasNext() && next.size() < COPY_CHUNK) {
            next.add(entries.next());
        }
        return () -> next.forEach(e -> to.put(e.getKey(), e.getValue()));
    }

    private static void move(Path from, Path to) {
        try {
            DurableMvStore.moveDurably(from, to);
        } catch (IllegalStateException e) {
            throw new StoreUnavailableException("embedded store: cannot rename " + from + " to " + to);
        }
    }
}
