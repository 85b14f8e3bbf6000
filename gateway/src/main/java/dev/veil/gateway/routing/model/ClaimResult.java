package dev.veil.gateway.routing.model;

import static java.util.Objects.requireNonNull;

/** The answer to a claim: the claim when it was won, otherwise why not. */
public record ClaimResult(Status status, Claim claim, Rule failedRule) {

    /** Why a claim succeeded or failed; the HTTP layer maps these to status codes. */
    public enum Status {
        CLAIMED,
        UNKNOWN_TICKET,
        UNKNOWN_EXPERT,
        TAKEN,
        NOT_ELIGIBLE
    }

    public ClaimResult {
        requireNonNull(status, "status");
    }

    public static ClaimResult claimed(Claim claim) {
        return new ClaimResult(Status.CLAIMED, claim, null);
    }

    public static ClaimResult failed(Status status) {
        return new ClaimResult(status, null, null);
    }

    public static ClaimResult notEligible(Rule rule) {
        return new ClaimResult(Status.NOT_ELIGIBLE, null, rule);
    }

    public boolean won() {
        return status == Status.CLAIMED;
    }
}
