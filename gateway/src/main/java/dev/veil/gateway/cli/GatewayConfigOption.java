package dev.veil.gateway.cli;

import dev.veil.gateway.config.VeilConfig;
import dev.veil.gateway.config.VeilConfigLoader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config FILE}: the gateway's {@code veil.yaml}; without it, the embedded dev defaults. */
final class GatewayConfigOption {

    @Option(names = "--config", paramLabel = "FILE",
            description = "The gateway's veil.yaml. Without it: the embedded dev defaults (example brand acme, data in ./veil-data).")
    Path file;

    VeilConfig load() {
        return file == null ? VeilConfig.defaults(Path.of("")) : VeilConfigLoader.of(System.getenv()).load(file);
    }
}
