package dev.veil.gateway.cli;

import dev.veil.gateway.http.tls.DevCertificates;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code veil certs}: development certificates for TLS and mutual TLS. */
@Command(
        name = "certs",
        mixinStandardHelpOptions = true,
        description = "Makes TLS certificates for development (veil certs dev).",
        subcommands = {CertsCommand.Dev.class})
final class CertsCommand {

    @Command(name = "dev", mixinStandardHelpOptions = true,
            description = {"Creates a development CA and a server certificate for localhost, 127.0.0.1 and ::1.",
                "Files are PEM; private keys are PKCS#8 and owner-only. Never overwrites a file. Not for production."})
    static final class Dev implements Callable<Integer> {

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "The directory to write into (created if missing).")
        Path out;

        @Option(names = "--client", paramLabel = "NAME", description = "Also a client certificate with common name NAME, for mutual TLS.")
        String client;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            DevCertificates.Written written = DevCertificates.of(Clock.systemUTC(), new SecureRandom())
                    .create(out, Optional.ofNullable(client));
            PrintWriter printer = spec.commandLine().getOut();
            printer.println("CA certificate:     " + written.caCertificate() + " (trust this in clients)");
            printer.println("CA key:             " + written.caKey());
            printer.println("server certificate: " + written.serverChain() + " (localhost, 127.0.0.1, ::1)");
            printer.println("server key:         " + written.serverKey());
            written.clientChain().ifPresent(p -> printer.println("client certificate: " + p));
            written.clientKey().ifPresent(p -> printer.println("client key:         " + p));
            printer.println("for development only: keys are owner-only files next to their certificates");
            return 0;
        }
    }
}
