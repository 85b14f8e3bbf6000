package dev.veil.gateway.cli;

import dev.veil.gateway.config.ConfigException;
import dev.veil.gateway.config.VeilConfig;
import dev.veil.gateway.config.VeilConfigLoader;
import dev.veil.gateway.store.pg.PgConfig;
import dev.veil.gateway.store.pg.PgDatabase;
import dev.veil.tokenizer.error.SafeErrors;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code veil db}: the shared PostgreSQL database of clustered mode. */
@Command(
        name = "db",
        mixinStandardHelpOptions = true,
        description = "Manages the shared PostgreSQL database of clustered mode (veil db migrate).",
        subcommands = {DbCommand.Migrate.class})
public final class DbCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code veil db migrate [FILE]}: applies the schema migrations shipped in veil.jar to the
     * database named by {@code stores:} in {@code veil.yaml}; nodes also migrate at start unless
     * {@code stores.migrate: false}. Exit 0 when the schema is current, 1 on a problem.
     */
    @Command(
            name = "migrate",
            mixinStandardHelpOptions = true,
            description = {"Apply Veil's schema migrations to the PostgreSQL database of stores: in veil.yaml.",
                    "Exit status: 0 when the schema is current, 1 otherwise."})
    static final class Migrate implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "FILE", defaultValue = "veil.yaml",
                description = "The configuration file (default: ${DEFAULT-VALUE}).")
        Path file;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                VeilConfig config = VeilConfigLoader.of(System.getenv()).load(file);
                Optional<PgConfig> pg = config.stores().postgres();
                if (pg.isEmpty()) {
                    err.println(file + ": stores.kind is not postgres (nothing to migrate)");
                    return 1;
                }
                try (PgDatabase db = PgDatabase.open(pg.get().withMigrateOnStart(false))) {
                    int ran = db.migrate();
                    out.println(pg.get() + ": " + ran + (ran == 1 ? " migration" : " migrations")
                            + " applied, schema current");
                }
                return 0;
            } catch (ConfigException e) {
                e.problems().forEach(err::println);
                return 1;
            } catch (RuntimeException e) {
                err.println("veil db migrate: " + SafeErrors.describe(e));
                return 1;
            } finally {
                out.flush();
                err.flush();
            }
        }
    }
}
