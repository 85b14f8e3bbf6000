package dev.veil.bench.load;

import dev.veil.gateway.config.VeilConfig;

/** Prints the dev brand's published webhook secret, so that the load script signs as dev mode expects. */
public final class DevSecret {

    public static void main(String[] args) {
        System.out.println(VeilConfig.DEV_WEBHOOK_SECRET);
    }
}
