package dev.veil.gateway.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.gateway.routing.model.LedgerEntry;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An expert's ledger lines summed per brand, ISO week (UTC) and currency, in integer minor units; newest week first. */
final class Earnings {

    private Earnings() {}

    static ObjectNode weekly(List<LedgerEntry> entries) {
        Map<String, long[]> sums = new TreeMap<>(java.util.Comparator.reverseOrder());
        for (LedgerEntry e : entries) {
            var day = e.at().atZone(ZoneOffset.UTC);
            String week = String.format("%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            long[] sum = sums.computeIfAbsent(week + "\u0000" + e.brand() + "\u0000" + e.currency(), k -> new long[2]);
            sum[0] += e.amountMinor();
            sum[1] += e.kind() == LedgerEntry.Kind.EARNING ? 1 : -1;
        }
        ObjectNode body = Json.object();
        ArrayNode weeks = body.putArray("weeks");
        sums.forEach((key, sum) -> {
            String[] parts = key.split("\u0000");
            weeks.addObject().put("week", parts[0]).put("brand", parts[1]).put("currency", parts[2])
                    .put("amountMinor", sum[0]).put("tickets", sum[1]);
        });
        return body;
    }
}
