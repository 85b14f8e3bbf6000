package dev.veil.gateway.server;

import dev.veil.gateway.config.VeilConfig;
import dev.veil.gateway.config.VeilConfigLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * The gateway in a child JVM for {@link GatewayCrashTest}: starts from the configuration file in
 * {@code args[0]} (listeners on port 0), prints {@code PORTS <public> <admin>} once it listens,
 * then runs until it is killed. Logs go to standard error.
 */
public final class GatewayMain {

    private GatewayMain() {}

    public static void main(String[] args) throws InterruptedException {
        VeilConfig config = VeilConfigLoader.of(System.getenv()).load(Path.of(args[0]));
        Gateway gateway = Gateway.start(config, Clock.systemUTC(), System.err);
        System.out.println("PORTS " + gateway.port("public") + " " + gateway.port("admin"));
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
