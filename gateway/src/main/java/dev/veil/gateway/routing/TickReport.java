package dev.veil.gateway.routing;

/** What one {@link RoutingService#tick()} did, for logs and metrics. */
public record TickReport(int claimsExpired, int offersExpired, int offersMade, int resolutionsPruned) {
}
