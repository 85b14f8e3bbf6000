package dev.veil.gateway.cli;

import dev.veil.policy.compile.CompiledPolicy;
import dev.veil.policy.compile.PolicyLint;
import dev.veil.policy.yaml.Problem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code veil policy check FILE...}: every problem of every file, with line and column; exit 1 if any. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = {"Lint policy files: load and compile each, report every problem with file, line, column and key path.",
                "Exit status: 0 when every file is valid (warnings allowed), 1 otherwise."})
final class PolicyCheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Policy files to check.")
    List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SecureRandom random = new SecureRandom();
        PolicyTools tools = new PolicyTools(new EphemeralKeyProvider(random), random);
        int broken = 0;
        for (Path file : files) {
            CompiledPolicy policy = tools.compile(file, err);
            if (policy == null) {
                broken++;
                continue;
            }
            List<Problem> warnings = PolicyLint.warnings(policy.spec());
            for (Problem warning : warnings) {
                out.println(warning + " (warning)");
            }
            out.println(file + ": ok (policy " + policy.name() + " v" + policy.version() + ", brand " + policy.brand() + ": "
                    + count(policy.spec().fields().size(), "rule") + ", " + count(policy.views().size(), "view") + ", "
                    + count(policy.profiles().size(), "token profile")
                    + (warnings.isEmpty() ? "" : ", " + count(warnings.size(), "warning")) + ")");
        }
        out.flush();
        err.flush();
        return broken == 0 ? 0 : 1;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
