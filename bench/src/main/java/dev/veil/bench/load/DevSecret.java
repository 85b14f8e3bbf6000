package dev.veil.bench.load;

import dev.veil.gateway.config.VeilConfig;

/**
 * Prints the dev brand's published webhook secret (or, with {@code crm}, the dev CRM secret), so
 * that the load script signs and configures as dev mode expects.
 */
public final class DevSecret {

    public static void main(String[] args) {
        System.out.println(args.length == 1 && args[0].equals("crm") ? VeilConfig.DEV_CRM_SECRET : VeilConfig.DEV_WEBHOOK_SECRET);
    }
}
