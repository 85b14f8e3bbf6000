package dev.veil.gateway.routing;

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

    static ClaimResult claimed(Claim claim) {
        return new ClaimResult(Status.CLAIMED, claim, null);
    }

    static ClaimResult failed(Status status) {
        return new ClaimResult(status, null, null);
    }

    static ClaimResult notEligible(Rule rule) {
        return new ClaimResult(Status.NOT_ELIGIBLE, null, rule);
    }

    public boolean won() {
        return status == Status.CLAIMED;
    }
}
