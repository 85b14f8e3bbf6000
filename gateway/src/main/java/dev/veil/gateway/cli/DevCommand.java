package dev.veil.gateway.cli;

import dev.veil.gateway.auth.AdminAuthenticator;
import dev.veil.gateway.auth.DevIdentityProvider;
import dev.veil.gateway.config.VeilConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code veil dev}: helpers for a dev-mode gateway. */
@Command(name = "dev", mixinStandardHelpOptions = true,
        description = "Helps run a gateway in dev mode: veil dev token (never for production).",
        subcommands = {DevCommand.Token.class})
final class DevCommand {

    @Command(name = "token", mixinStandardHelpOptions = true,
            description = {"Prints a JWT from the dev identity provider (the key under the data directory, shared with veil serve).",
                "With --expert ID: an expert's token (sub = ID). With --admin: an admin's token (scope veil:admin)."})
    static final class Token implements Callable<Integer> {

        @Option(names = "--expert", paramLabel = "ID", description = "The expert id the token is for.")
        String expert;

        @Option(names = "--admin", description = "An admin token instead of an expert's.")
        boolean admin;

        @Option(names = "--ttl", defaultValue = "PT8H", description = "How long the token is valid, ISO-8601 (default: PT8H).")
        Duration ttl;

        @Mixin
        GatewayConfigOption config;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if ((expert == null) == !admin) {
                throw UsageException.usage("give either --expert ID or --admin");
            }
            VeilConfig settings = config.load();
            if (!settings.identity().devProvider()) {
                throw UsageException.usage("the configuration has no dev identity provider (dev tokens exist in dev mode only)");
            }
            DevIdentityProvider identity = DevIdentityProvider.openOrCreate(settings.data(), Clock.systemUTC());
            String token = admin
                    ? identity.mint("admin", Set.of(settings.admin().adminScope().orElse(AdminAuthenticator.DEFAULT_SCOPE)), ttl)
                    : identity.mint(expert, Set.of(), ttl);
            spec.commandLine().getOut().println(token);
            return 0;
        }
    }
}
