package dev.veil.gateway.intake.crm;

import static java.util.Objects.requireNonNull;

import dev.veil.policy.compile.CompiledPolicy;
import dev.veil.policy.model.FieldRule;

/**
 * Whether a brand's policy reads a part of the ticket at all: Veil fetches what a webhook left out
 * (comments, the requester) only when some field rule would let part of it through, since the
 * policy is default-deny and an unread part would be dropped anyway.
 */
public final class PolicyNeeds {

    private PolicyNeeds() {}

    /** True when a field rule's path starts with {@code prefix} (such as {@code $.ticket.comments}) or is a deep scan ({@code $..}). */
    public static boolean reads(CompiledPolicy policy, String prefix) {
        requireNonNull(policy, "policy");
        requireNonNull(prefix, "prefix");
        for (FieldRule rule : policy.spec().fields()) {
            String path = rule.path().text();
            if (path.startsWith(prefix) && (path.length() == prefix.length() || ".[".indexOf(path.charAt(prefix.length())) >= 0)) {
                return true;
            }
        }
        return false;
    }
}
