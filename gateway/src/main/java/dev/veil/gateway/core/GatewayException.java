package dev.veil.gateway.core;

import dev.veil.tokenizer.error.VeilException;

/**
 * A request to the gateway's core cannot be done, named by a stable code that the HTTP layer
 * maps to a status. Details are built from constants, counts and limits only, never from a
 * ticket, reply or token. (Store failures are {@code store_unavailable}, a
 * {@link dev.veil.gateway.store.StoreUnavailableException}; a document the engine cannot read keeps
 * the engine's own code, a {@link dev.veil.policy.engine.DocumentRejectedException} such as
 * {@code invalid_json} or {@code too_deep}.)
 */
public final class GatewayException extends VeilException {

    /** The brand is not configured (no policy or no routing settings). */
    public static final String UNKNOWN_BRAND = "unknown_brand";
    /** No such ticket for this brand, or for experts: no such ticket in the pool. */
    public static final String UNKNOWN_TICKET = "unknown_ticket";
    /** The expert is not registered with routing. */
    public static final String UNKNOWN_EXPERT = "unknown_expert";
    /** The expert does not hold the ticket (view, reply, release). */
    public static final String NOT_CLAIMANT = "not_claimant";
    /** Someone else holds or was offered the ticket. */
    public static final String CLAIM_CONFLICT = "claim_conflict";
    /** The expert may not take this ticket (certification, skill, language, capacity, gates); the detail names the rule. */
    public static final String NOT_ELIGIBLE = "not_eligible";
    /** The ticket has no CRM ticket id where the brand says, or unreadable routing attributes. */
    public static final String INVALID_TICKET = "invalid_ticket";
    /** The policy could not be applied to a value (a value fits no token profile it must take). */
    public static final String POLICY_REJECTED = "policy_rejected";
    /** The reply holds personal data and the policy says {@code replies: refuse}; the detail names the types. */
    public static final String REPLY_CONTAINS_PII = "reply_contains_pii";
    /** The reply is empty or longer than the limit. */
    public static final String INVALID_REPLY = "invalid_reply";
    /** A CRM event is malformed (a score out of range). */
    public static final String INVALID_EVENT = "invalid_event";
    /** Token keys or the token store cannot be used; nothing was stored. */
    public static final String VAULT_UNAVAILABLE = "vault_unavailable";
    /** The brand's policy has no reveal rule for the CRM. */
    public static final String REVEAL_NOT_ALLOWED = "reveal_not_allowed";
    /** A detokenize request is malformed: too many tokens, or a string that is not a token. */
    public static final String INVALID_TOKENS = "invalid_tokens";
    /** The audit log could not record a detokenize call; nothing was revealed. */
    public static final String AUDIT_UNAVAILABLE = "audit_unavailable";

    /**
     * @param code one of this class's constants
     * @param detail a PII-free sentence
     */
    public GatewayException(String code, String detail) {
        super(code, detail);
    }
}
