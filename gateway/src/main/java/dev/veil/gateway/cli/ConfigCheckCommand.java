package dev.veil.gateway.cli;

import dev.veil.gateway.config.BrandConfig;
import dev.veil.gateway.config.ConfigException;
import dev.veil.gateway.config.ListenerConfig;
import dev.veil.gateway.config.VeilConfig;
import dev.veil.gateway.config.VeilConfigLoader;
import dev.veil.policy.compile.CompiledPolicy;
import dev.veil.policy.yaml.Problem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code veil config check [FILE]}: every problem of {@code veil.yaml} and of the policies its
 * brands name, printed as {@code veil policy check} prints them; exit 1 if any.
 */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = {"Lint veil.yaml: every problem with file, line, column and key path; each brand's policy is checked too.",
                "$${NAME} values are taken from the environment. Exit status: 0 when valid, 1 otherwise."})
final class ConfigCheckCommand implements Callable<Integer> {

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
            return check(out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int check(PrintWriter out, PrintWriter err) {
        VeilConfig config;
        try {
            config = VeilConfigLoader.of(System.getenv()).load(file);
        } catch (ConfigException e) {
            for (Problem problem : e.problems()) {
                err.println(problem);
            }
            err.println(file + ": " + count(e.problems().size(), "problem"));
            return 1;
        }
        SecureRandom random = new SecureRandom();
        PolicyTools tools = new PolicyTools(new EphemeralKeyProvider(random), random);
        int broken = 0;
        for (BrandConfig brand : config.brands().values()) {
            CompiledPolicy policy = tools.compile(brand.policy(), err);
            if (policy == null) {
                broken++;
            } else if (!policy.brand().equals(brand.id())) {
                err.println(brand.policy() + ":1:1: brand: policy of brand '" + policy.brand() + "' (expected: '" + brand.id()
                        + "', as brands." + brand.id() + ".policy in " + file + " says)");
                broken++;
            }
        }
        if (broken > 0) {
            err.println(file + ": " + count(broken, "brand") + " with a broken policy");
            return 1;
        }
        for (BrandConfig brand : config.brands().values()) {
            CrmWarnings.of(brand).forEach(warning -> err.println(file + ": warning: " + warning));
        }
        out.println(file + ": ok (" + (config.dev() ? "dev mode, " : "") + count(config.brands().size(), "brand")
                + ", public " + address(config.server().publicListener()) + ", admin " + address(config.server().admin()) + ")");
        return 0;
    }

    private static String address(ListenerConfig listener) {
        return (listener.tls().isPresent() ? "https://" : "http://") + listener.host() + ":" + listener.port();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
