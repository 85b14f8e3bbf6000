package dev.veil.gateway.store;

/** The rule every {@link TicketStore} enforces on {@code put}: a new ticket is version 1, an update the next version of the same ticket. */
final class TicketVersions {

    private TicketVersions() {
    }

    /** What the rule reads of the stored version: its brand, CRM ticket id and version. */
    record Head(String brand, String crmTicketId, long version) {}

    static void check(StoredTicket previous, String indexed, StoredTicket next) {
        check(previous == null ? null : new Head(previous.brand(), previous.crmTicketId(), previous.version()), indexed, next);
    }

    static void check(Head previous, String indexed, StoredTicket next) {
        if (indexed != null && !indexed.equals(next.id())) {
            throw new IllegalArgumentException("ticket: the CRM ticket id already belongs to another Veil ticket");
        }
        if (previous == null) {
            if (next.version() != 1) {
                throw new IllegalArgumentException("version: " + next.version() + " (expected: 1 for a new ticket)");
            }
            return;
        }
        if (!previous.brand().equals(next.brand()) || !previous.crmTicketId().equals(next.crmTicketId())) {
            throw new IllegalArgumentException("ticket: an update may not change the brand or the CRM ticket id");
        }
        if (next.version() != previous.version() + 1) {
            throw new IllegalArgumentException("version: " + next.version() + " (expected: " + (previous.version() + 1) + ")");
        }
    }

    static String indexKey(String brand, String crmTicketId) {
        return brand + '\n' + crmTicketId;
    }
}
