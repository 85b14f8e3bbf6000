package dev.veil.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Veil's default JVM options live in one file, {@code jvm.options} (a java argument file), and every
 * launcher passes it before {@code VEIL_JAVA_OPTS}: {@code ./veil}, the docker image and its compose
 * files, and {@code bench/load.sh}. Run here: the {@code veil} script against a stand-in {@code java}
 * that records its arguments, then a real JVM given those arguments, which must report the file's
 * setting, or the override's.
 */
class JvmOptionsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path OPTIONS = ROOT.resolve("jvm.options");
    private static final String DEFAULT = "-XX:MaxTenuringThreshold=2";

    @TempDir
    Path dir;

    @Test
    void theFileSetsTheDefaults() throws Exception {
        assertThat(Files.readAllLines(OPTIONS)).contains(DEFAULT);
    }

    @Test
    void theVeilScriptPassesTheFileFirstAndVeilJavaOptsOverridesIt() throws Exception {
        List<String> plain = veilScriptArguments("");
        List<String> overridden = veilScriptArguments("-XX:MaxTenuringThreshold=15");

        Path copied = dir.resolve("repo/jvm.options");
        assertThat(plain).containsExactly("@" + copied, "-jar", dir.resolve("repo/gateway/target/veil.jar").toString(), "serve");
        assertThat(overridden).startsWith("@" + copied, "-XX:MaxTenuringThreshold=15");
        assertThat(tenuringThreshold(plain.get(0))).isEqualTo("2");
        assertThat(tenuringThreshold(overridden.get(0), overridden.get(1))).isEqualTo("15");
    }

    @Test
    void theImageTheComposeFilesAndTheLoadBenchmarkPassTheFileBeforeVeilJavaOpts() throws Exception {
        assertThat(Files.readString(ROOT.resolve("docker/Dockerfile")))
                .contains("COPY jvm.options /opt/veil/jvm.options")
                .contains("exec java @/opt/veil/jvm.options ${VEIL_JAVA_OPTS:-} -jar /opt/veil/veil.jar serve");
        for (String compose : List.of("docker/compose.yaml", "docker/compose.cluster.yaml")) {
            String text = Files.readString(ROOT.resolve(compose));
            assertThat(text.split("exec java @/opt/veil/jvm.options \\$\\$\\{VEIL_JAVA_OPTS:-} -jar /opt/veil/veil.jar serve", -1).length - 1)
                    .as(compose).isEqualTo(text.split("veil.jar serve", -1).length - 1);
        }
        assertThat(Files.readString(ROOT.resolve("bench/load.sh")))
                .contains("exec \"$veil_java\" @\"$root/jvm.options\" -Xlog:safepoint:file=\"$work/veil-safepoints.log\":timemillis -XX:-UseDynamicNumberOfCompilerThreads ${VEIL_JAVA_OPTS:-} -cp");
    }

    @Test
    void theLoadBenchmarkRefusesAVeilJavaThatDoesNotRunBeforeStartingAnything() throws Exception {
        Path missing = dir.resolve("no-such-jdk/bin/java");
        assertLoadBenchmarkRefuses("VEIL_JAVA", missing, "load: VEIL_JAVA=" + missing + ": not a java command that runs");
    }

    @Test
    void theLoadBenchmarkRefusesATraceDirectoryThatIsNotThereBeforeStartingAnything() throws Exception {
        Path missing = dir.resolve("no-such-dir");
        assertLoadBenchmarkRefuses("VEIL_FIXED_TRACE", missing,
                "load: VEIL_FIXED_TRACE=" + missing + ": not a directory this script can write");
    }

    /** Runs {@code bench/load.sh --quick} with {@code variable} set to {@code value}: it must stop at once with {@code message}, exit 2, and no scratch directory. */
    private void assertLoadBenchmarkRefuses(String variable, Path value, String message) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", ROOT.resolve("bench/load.sh").toString(), "--quick")
                .directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put(variable, value.toString());
        pb.environment().put("TMPDIR", dir.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isEqualTo(2);
        assertThat(out.strip()).isEqualTo(message);
        try (var left = Files.list(dir)) {
            assertThat(left).as("no scratch directory was made").noneMatch(f -> f.getFileName().toString().startsWith("veil-load."));
        }
    }

    /** Runs a copy of the {@code veil} script (with a jar newer than any source: no build) and returns the arguments it gave {@code java}. */
    private List<String> veilScriptArguments(String veilJavaOpts) throws Exception {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve("gateway/target"));
        Files.copy(ROOT.resolve("veil"), repo.resolve("veil"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(OPTIONS, repo.resolve("jvm.options"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(repo.resolve("gateway/target/veil.jar"), "");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path recorded = dir.resolve("arguments");
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + recorded + "'\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        ProcessBuilder pb = new ProcessBuilder("bash", repo.resolve("veil").toString(), "serve").redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("PATH", bin + ":" + env.get("PATH"));
        env.put("VEIL_JAVA_OPTS", veilJavaOpts);
        run(pb);
        return Files.readAllLines(recorded);
    }

    /** MaxTenuringThreshold as a JVM started with {@code options} reports it. */
    private static String tenuringThreshold(String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(options));
        command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        String out = run(new ProcessBuilder(command).redirectErrorStream(true));
        return out.lines().filter(l -> l.contains(" MaxTenuringThreshold ")).map(l -> l.split("=")[1].trim().split("\\s+")[0])
                .findFirst().orElseThrow();
    }

    private static String run(ProcessBuilder pb) throws IOException, InterruptedException {
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
