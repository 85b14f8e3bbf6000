package dev.veil.gateway.routing.model;

/** How the brand judged a resolved ticket; only accepted resolutions are paid. */
public enum Outcome {
    ACCEPTED,
    REJECTED
}
