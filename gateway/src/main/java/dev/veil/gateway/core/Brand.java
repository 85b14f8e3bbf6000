package dev.veil.gateway.core;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonPointer;
import dev.veil.policy.compile.CompiledPolicy;
import java.util.function.Supplier;

/**
 * What the core needs to know about one brand: its name, the policy in force (a supplier, so a
 * reloaded policy takes effect on the next ticket), and where in the brand's raw ticket JSON the
 * CRM ticket id is and, in the sanitized ticket, the comments list (JSON pointers, e.g. {@code
 * /ticket/id} and {@code /ticket/comments} for Zendesk).
 */
public record Brand(String name, Supplier<CompiledPolicy> policy, JsonPointer ticketIdPointer, JsonPointer commentsPointer) {

    public Brand {
        requireNonNull(name, "name");
        requireNonNull(policy, "policy");
        requireNonNull(ticketIdPointer, "ticketIdPointer");
        requireNonNull(commentsPointer, "commentsPointer");
    }

    /** A brand with pointers written as strings ({@code "/ticket/id"}). */
    public static Brand of(String name, Supplier<CompiledPolicy> policy, String ticketIdPointer, String commentsPointer) {
        return new Brand(name, policy, JsonPointer.compile(requireNonNull(ticketIdPointer, "ticketIdPointer")),
                JsonPointer.compile(requireNonNull(commentsPointer, "commentsPointer")));
    }
}
