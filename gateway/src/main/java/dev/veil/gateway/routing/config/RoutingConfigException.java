package dev.veil.gateway.routing.config;

/** A routing section of {@code veil.yaml} that cannot be used; the message names the key path. */
public final class RoutingConfigException extends RuntimeException {

    private final String path;

    public RoutingConfigException(String path, String problem) {
        super(path + ": " + problem);
        this.path = path;
    }

    /** The dotted key path of the offending setting, e.g. {@code brands.acme.routing.claimTtl}. */
    public String path() {
        return path;
    }
}
