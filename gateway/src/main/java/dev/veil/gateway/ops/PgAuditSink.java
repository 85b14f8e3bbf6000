package dev.veil.gateway.ops;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.store.pg.PgDatabase;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends audit lines to the shared PostgreSQL table {@code audit_log}, so every node of a
 * cluster writes one trail in one order ({@code seq}). A line is committed before {@link #append}
 * returns; if the database refuses it, {@link AuditLog} refuses the audited action.
 */
public final class PgAuditSink implements AuditSink {

    private final PgDatabase db;

    private PgAuditSink(PgDatabase db) {
        this.db = db;
    }

    public static PgAuditSink of(PgDatabase db) {
        return new PgAuditSink(requireNonNull(db, "db"));
    }

    @Override
    public void append(String jsonLine) throws IOException {
        requireNonNull(jsonLine, "jsonLine");
        try {
            db.read("audit log: append", c -> {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_log (line) VALUES (?)")) {
                    s.setString(1, jsonLine);
                    return s.executeUpdate();
                }
            });
        } catch (RuntimeException e) {
            throw new IOException("audit log: the database refused the line");
        }
    }

    /** The newest {@code max} lines, oldest first (for operators and tests). */
    public List<String> tail(int max) {
        return db.read("audit log: read", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT line FROM (SELECT seq, line FROM audit_log ORDER BY seq DESC LIMIT ?) t ORDER BY seq")) {
                s.setInt(1, max);
                List<String> out = new ArrayList<>();
                try (var r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(r.getString(1));
                    }
                }
                return out;
            }
        });
    }
}
