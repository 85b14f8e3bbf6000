package dev.veil.gateway.store;

import static java.util.Objects.requireNonNull;

import dev.veil.tokenizer.testing.ChildJvm;
import dev.veil.tokenizer.vault.KeyProvider;
import dev.veil.tokenizer.vault.LocalKeyProvider;
import dev.veil.tokenizer.vault.MasterKey;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What the gateway's SIGKILL crash tests share: a keyring and master key file on disk, with the
 * keys created before any writer runs (as an operator would, never on first use), and rounds of
 * starting a child writer on them, reading the lines it acknowledged and killing it mid-write.
 * A writer's first two arguments are the keyring and the master key file ({@link #childKeys}).
 */
public final class CrashRounds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final Path keyring;
    private final Path master;
    private int started;

    private CrashRounds(Path dir) {
        this.dir = dir;
        this.keyring = dir.resolve("keyring");
        this.master = dir.resolve("master.key");
    }

    /** A master key and keyring under {@code dir}, holding the keys {@code createKeys} creates. */
    public static CrashRounds create(Path dir, Consumer<KeyProvider> createKeys) {
        requireNonNull(createKeys, "createKeys");
        CrashRounds rounds = new CrashRounds(requireNonNull(dir, "dir"));
        MasterKey.generate(RANDOM).writeTo(rounds.master);
        createKeys.accept(rounds.keys());
        return rounds;
    }

    /** The keyring the writers used, opened again (to check what survived the kills). */
    public LocalKeyProvider keys() {
        return LocalKeyProvider.open(keyring, MasterKey.fromFile(master), RANDOM);
    }

    /**
     * Starts {@code main} with the keyring, the master key file and {@code args}, reads {@code lines}
     * lines, SIGKILLs it (most likely in the middle of a write) and returns every complete line it
     * printed up to its death (those were acknowledged too), split at spaces.
     */
    public List<String[]> killedRun(Class<?> main, int lines, String... args) throws IOException, InterruptedException {
        return killedRun(main, lines, line -> true, args);
    }

    /**
     * As {@link #killedRun(Class, int, String...)}, but after {@code lines} lines reads on until a
     * line {@code killAfter} accepts (a delivery's start, say), so that the kill lands inside the
     * work that line announced: writers that finish together (one shared commit) otherwise print
     * their last acknowledgements together, and a kill right after them may find none of them at work.
     */
    public List<String[]> killedRun(Class<?> main, int lines, Predicate<String> killAfter, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(keyring.toString(), master.toString()));
        command.addAll(List.of(args));
        List<String> printed = new ArrayList<>();
        try (ChildJvm writer = ChildJvm.start(main, dir.resolve("writer-" + ++started + ".err"), command.toArray(String[]::new))) {
            printed.addAll(writer.readLines(lines));
            while (printed.isEmpty() || !killAfter.test(printed.get(printed.size() - 1))) {
                printed.addAll(writer.readLines(1));
            }
            printed.addAll(writer.killAndDrain());
        }
        return printed.stream().map(line -> line.split(" ")).toList();
    }

    /** In a writer: the keyring a crash test made, named by the writer's first two arguments. */
    public static LocalKeyProvider childKeys(String[] args) {
        return LocalKeyProvider.open(Path.of(args[0]), MasterKey.fromFile(Path.of(args[1])), new SecureRandom());
    }
}
