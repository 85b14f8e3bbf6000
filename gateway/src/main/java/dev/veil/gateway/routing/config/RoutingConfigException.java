package dev.veil.gateway.routing.config;

import dev.veil.tokenizer.error.VeilException;

/**
 * A routing section of {@code veil.yaml} that cannot be used; the message names the key path. Code
 * {@value #CODE}; the detail is about the operator's configuration, never about a ticket.
 */
public final class RoutingConfigException extends VeilException {

    public static final String CODE = "invalid_routing_config";

    private final String path;

    public RoutingConfigException(String path, String problem) {
        super(CODE, path + ": " + problem);
        this.path = path;
    }

    /** The dotted key path of the offending setting, e.g. {@code brands.acme.routing.claimTtl}. */
    public String path() {
        return path;
    }
}
