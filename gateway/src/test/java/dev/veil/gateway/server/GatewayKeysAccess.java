package dev.veil.gateway.server;

import dev.veil.gateway.config.VeilConfig;
import java.util.SortedSet;

/** For tests in other packages: the keys a configuration needs, as {@code veil keys init --policy} creates them. */
public final class GatewayKeysAccess {

    private GatewayKeysAccess() {}

    public static SortedSet<String> needed(VeilConfig config) {
        return GatewayKeys.needed(config);
    }
}
