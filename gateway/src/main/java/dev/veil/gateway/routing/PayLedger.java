package dev.veil.gateway.routing;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.gateway.routing.model.Claim;
import dev.veil.gateway.routing.model.LedgerEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The append-only pay ledger: an earning per accepted resolution, a clawback per reopen within
 * the brand's window. Amounts are integer minor units; exports as CSV or JSON.
 */
public final class PayLedger {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CSV_HEADER =
            "seq,at,kind,expert,ticket,brand,currency,base_pay,surge_multiplier,amount,amount_minor,reverses";

    private final List<LedgerEntry> entries = new ArrayList<>();
    private final Map<Long, LedgerEntry> bySeq = new HashMap<>();
    /** Each expert's entries, oldest first: what an expert's own reads need without copying everyone's. */
    private final Map<String, List<LedgerEntry>> byExpert = new HashMap<>();
    private final Set<Long> reversed = new HashSet<>();
    private long lastSeq;

    private java.util.function.LongUnaryOperator nextSeq = last -> last + 1;

    synchronized void restore(List<LedgerEntry> stored) {
        stored.stream().sorted(java.util.Comparator.comparingLong(LedgerEntry::seq)).filter(e -> !bySeq.containsKey(e.seq())).forEach(this::add);
    }

    /** Where sequence numbers come from (a shared store's sequence, so that nodes never collide); by default the last plus one. */
    synchronized void sequence(java.util.function.LongUnaryOperator next) {
        nextSeq = next;
    }

    synchronized boolean has(long seq) {
        return bySeq.containsKey(seq);
    }

    /** Writes the earning for a resolved claim; the caller persists it. */
    synchronized LedgerEntry earn(Claim c, Instant at) {
        LedgerEntry e = new LedgerEntry(nextSeq.applyAsLong(lastSeq), at, LedgerEntry.Kind.EARNING, c.expertId(), c.ticketId(),
                c.brand(), c.currency(), c.basePayMinor(), c.surgeBps(),
                SurgePricing.amountMinor(c.basePayMinor(), c.surgeBps()), 0);
        add(e);
        return e;
    }

    /** Writes the reversal of an earning, or returns {@code null} if it is unknown or already reversed. */
    synchronized LedgerEntry clawBack(long earningSeq, Instant at) {
        LedgerEntry earning = bySeq.get(earningSeq);
        if (earning == null || earning.kind() != LedgerEntry.Kind.EARNING || reversed.contains(earningSeq)) {
            return null;
        }
        LedgerEntry e = new LedgerEntry(nextSeq.applyAsLong(lastSeq), at, LedgerEntry.Kind.CLAWBACK, earning.expertId(),
                earning.ticketId(), earning.brand(), earning.currency(), earning.basePayMinor(), earning.surgeBps(),
                -earning.amountMinor(), earningSeq);
        add(e);
        return e;
    }

    /** All entries, oldest first. */
    public synchronized List<LedgerEntry> entries() {
        return List.copyOf(entries);
    }

    /** One expert's entries, oldest first. */
    public synchronized List<LedgerEntry> entriesOf(String expertId) {
        return List.copyOf(byExpert.getOrDefault(expertId, List.of()));
    }

    /** An expert's balance per currency, in minor units. */
    public synchronized Map<String, Long> balance(String expertId) {
        Map<String, Long> out = new TreeMap<>();
        for (LedgerEntry e : byExpert.getOrDefault(expertId, List.of())) {
            out.merge(e.currency(), e.amountMinor(), Math::addExact);
        }
        return out;
    }

    /** Writes entries from {@code from} (inclusive) to {@code to} (exclusive) as CSV with a header line. */
    public void writeCsv(Writer out, Instant from, Instant to) throws IOException {
        out.write(CSV_HEADER);
        out.write('\n');
        for (LedgerEntry e : between(from, to)) {
            out.write(e.seq() + "," + e.at() + "," + e.kind().name().toLowerCase() + "," + csv(e.expertId()) + ","
                    + csv(e.ticketId()) + "," + csv(e.brand()) + "," + e.currency() + ","
                    + decimal(e.basePayMinor(), e.currency()) + "," + multiplier(e.surgeBps()) + ","
                    + decimal(e.amountMinor(), e.currency()) + "," + e.amountMinor() + ","
                    + (e.reverses() == 0 ? "" : Long.toString(e.reverses())) + "\n");
        }
        out.flush();
    }

    /** Writes entries from {@code from} (inclusive) to {@code to} (exclusive) as a JSON array. */
    public void writeJson(OutputStream out, Instant from, Instant to) throws IOException {
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.writeStartArray();
            for (LedgerEntry e : between(from, to)) {
                g.writeStartObject();
                g.writeNumberField("seq", e.seq());
                g.writeStringField("at", e.at().toString());
                g.writeStringField("kind", e.kind().name().toLowerCase());
                g.writeStringField("expert", e.expertId());
                g.writeStringField("ticket", e.ticketId());
                g.writeStringField("brand", e.brand());
                g.writeStringField("currency", e.currency());
                g.writeStringField("basePay", decimal(e.basePayMinor(), e.currency()));
                g.writeStringField("surgeMultiplier", multiplier(e.surgeBps()));
                g.writeStringField("amount", decimal(e.amountMinor(), e.currency()));
                g.writeNumberField("amountMinor", e.amountMinor());
                if (e.reverses() != 0) {
                    g.writeNumberField("reverses", e.reverses());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
    }

    private synchronized List<LedgerEntry> between(Instant from, Instant to) {
        List<LedgerEntry> out = new ArrayList<>();
        for (LedgerEntry e : entries) {
            if ((from == null || !e.at().isBefore(from)) && (to == null || e.at().isBefore(to))) {
                out.add(e);
            }
        }
        return out;
    }

    private void add(LedgerEntry e) {
        entries.add(e);
        bySeq.put(e.seq(), e);
        byExpert.computeIfAbsent(e.expertId(), k -> new ArrayList<>()).add(e);
        if (e.kind() == LedgerEntry.Kind.CLAWBACK) {
            reversed.add(e.reverses());
        }
        lastSeq = Math.max(lastSeq, e.seq());
    }

    static String decimal(long minor, String currency) {
        int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        return BigDecimal.valueOf(minor, digits).toPlainString();
    }

    static String multiplier(int bps) {
        BigDecimal m = BigDecimal.valueOf(bps, 4).stripTrailingZeros();
        return m.setScale(Math.max(1, m.scale())).toPlainString();
    }

    private static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
