package dev.veil.gateway.routing.model;

/** What one {@link dev.veil.gateway.routing.RoutingService#tick()} did, for logs and metrics. */
public record TickReport(int claimsExpired, int offersExpired, int offersMade, int resolutionsPruned) {
}
