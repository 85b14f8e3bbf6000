package dev.veil.gateway.routing.config;

/** How a brand's tickets reach experts: experts pick from a list, or Veil assigns them. */
public enum RoutingMode {
    /** Experts list eligible offers and claim one; the first claim wins. */
    CLAIM,
    /** Veil offers each ticket to the best eligible expert in turn, with a timeout. */
    PUSH
}
