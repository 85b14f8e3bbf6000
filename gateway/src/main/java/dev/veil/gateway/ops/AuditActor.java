package dev.veil.gateway.ops;

import static java.util.Objects.requireNonNull;

/** Who did an audited thing: a brand's CRM, an expert, an admin or Veil itself, and their id. */
public record AuditActor(Kind kind, String id) {

    /** The kinds of caller Veil knows. */
    public enum Kind {
        CRM,
        EXPERT,
        ADMIN,
        SYSTEM
    }

    public AuditActor {
        requireNonNull(kind, "kind");
        requireNonNull(id, "id");
    }

    /** The CRM of brand {@code brand}. */
    public static AuditActor crm(String brand) {
        return new AuditActor(Kind.CRM, brand);
    }

    /** The expert whose id (JWT {@code sub}) is {@code expertId}. */
    public static AuditActor expert(String expertId) {
        return new AuditActor(Kind.EXPERT, expertId);
    }

    /** An admin, by the id {@code AdminPrincipal} gives. */
    public static AuditActor admin(String adminId) {
        return new AuditActor(Kind.ADMIN, adminId);
    }

    /** Veil itself, e.g. the outbox revealing tokens for a CRM reply. */
    public static AuditActor system(String component) {
        return new AuditActor(Kind.SYSTEM, component);
    }
}
