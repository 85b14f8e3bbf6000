package dev.veil.gateway.cli;

import dev.veil.gateway.config.VeilConfig;
import dev.veil.gateway.server.Gateway;
import java.io.PrintStream;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code veil serve}: runs the gateway until it is stopped (Ctrl-C or SIGTERM). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the gateway: the public API for CRMs and experts, and the admin API.",
            "Without --config it runs the embedded dev defaults: 127.0.0.1:8080 (public) and :8081 (admin), the example",
            "brand acme with examples/policies/acme.yaml, stores and a dev keyring under ./veil-data, and a dev identity provider."})
final class ServeCommand implements Callable<Integer> {

    @Mixin
    GatewayConfigOption config;

    @Override
    public Integer call() throws InterruptedException {
        VeilConfig settings = config.load();
        PrintStream out = System.out;
        Gateway gateway = Gateway.start(settings, Clock.systemUTC(), out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            stopped.countDown();
        }, "veil-shutdown"));
        if (settings.dev()) {
            out.println(DevBanner.text(settings, gateway.port("public"), gateway.port("admin")));
        }
        out.flush();
        stopped.await();
        return 0;
    }
}
