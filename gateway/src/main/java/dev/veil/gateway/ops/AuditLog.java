package dev.veil.gateway.ops;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The append-only audit trail: one JSON line per audited action saying who (actor kind and id)
 * did what (an action constant) to which brand, ticket and token ids, with what outcome and when.
 *
 * <p>It never holds a value: callers pass token ids (for example the token store's record id),
 * never tokens or what they stand for; ids that are not plain identifiers are written as
 * {@value #INVALID}. If the sink fails, {@link #record} throws {@link AuditUnavailableException}
 * so the audited action can be refused rather than done unaudited.
 *
 * <p>Line shape: {@code {"ts":"2026-03-01T10:00:00Z","actor":"crm","actor_id":"acme",
 * "action":"detokenize","brand":"acme","ticket":"vt_1","token_ids":["t1"],"token_count":1,
 * "outcome":"allowed"}}; {@code brand} and {@code ticket} are omitted when not given.
 */
public final class AuditLog {

    /** What is written in place of an id that is not a plain identifier. */
    public static final String INVALID = "invalid";
    /** At most this many token ids are listed in one line; {@code token_count} always has the total. */
    public static final int MAX_TOKEN_IDS = 256;

    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_.]{0,63}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}");
    private static final JsonFactory JSON = new JsonFactory();

    /** How an audited action ended. */
    public enum Outcome {
        ALLOWED,
        DENIED,
        FAILED
    }

    private final AuditSink sink;
    private final Clock clock;

    private AuditLog(AuditSink sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
    }

    public static AuditLog of(AuditSink sink, Clock clock) {
        return new AuditLog(requireNonNull(sink, "sink"), requireNonNull(clock, "clock"));
    }

    /**
     * Appends one audit line.
     *
     * @param action a constant such as {@code detokenize} or {@code ticket.claim} (lower case, digits, {@code _ .})
     * @param brand the brand id, or null
     * @param ticketId Veil's ticket id, or null
     * @param tokenIds ids of the tokens concerned (never the tokens or their values)
     * @throws AuditUnavailableException if the sink fails
     */
    public void record(AuditActor actor, String action, String brand, String ticketId, List<String> tokenIds, Outcome outcome) {
        requireNonNull(actor, "actor");
        requireNonNull(action, "action");
        requireNonNull(tokenIds, "tokenIds");
        requireNonNull(outcome, "outcome");
        if (!ACTION.matcher(action).matches()) {
            throw new IllegalArgumentException("action: expected a constant of lower case letters, digits, _ and . (at most 64)");
        }
        String line = line(actor, action, brand, ticketId, tokenIds, outcome);
        try {
            sink.append(line);
        } catch (IOException | RuntimeException e) {
            throw new AuditUnavailableException("audit log: cannot append (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * The last {@code max} audit lines (JSON objects, oldest first), as the sink holds them.
     *
     * @throws AuditUnavailableException if the sink cannot be read
     */
    public List<String> recent(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max: " + max + " (expected: > 0)");
        }
        try {
            return sink.tail(max);
        } catch (IOException | RuntimeException e) {
            throw new AuditUnavailableException("audit log: cannot read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private String line(AuditActor actor, String action, String brand, String ticketId, List<String> tokenIds, Outcome outcome) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("ts", clock.instant().toString());
            g.writeStringField("actor", actor.kind().name().toLowerCase(Locale.ROOT));
            g.writeStringField("actor_id", id(actor.id()));
            g.writeStringField("action", action);
            if (brand != null) {
                g.writeStringField("brand", id(brand));
            }
            if (ticketId != null) {
                g.writeStringField("ticket", id(ticketId));
            }
            g.writeArrayFieldStart("token_ids");
            int listed = 0;
            for (String tokenId : tokenIds) {
                if (listed++ == MAX_TOKEN_IDS) {
                    break;
                }
                g.writeString(id(tokenId));
            }
            g.writeEndArray();
            g.writeNumberField("token_count", tokenIds.size());
            g.writeStringField("outcome", outcome.name().toLowerCase(Locale.ROOT));
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static String id(String value) {
        return value != null && ID.matcher(value).matches() ? value : INVALID;
    }
}
