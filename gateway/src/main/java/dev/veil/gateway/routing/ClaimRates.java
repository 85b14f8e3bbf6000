package dev.veil.gateway.routing;

import dev.veil.gateway.routing.model.QueueStat;
import dev.veil.gateway.routing.model.TicketAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Claims per minute per brand and skill over the last hour, for expected-wait estimates. */
final class ClaimRates {

    private static final int MINUTES = 60;

    private final Map<String, Minutes> rates = new ConcurrentHashMap<>();

    void record(TicketAttributes a, Instant now) {
        long minute = now.getEpochSecond() / 60;
        counter(a.brand(), QueueStat.ALL).add(minute);
        for (String skill : a.requiredSkills().keySet()) {
            counter(a.brand(), skill).add(minute);
        }
    }

    /** Claims in the window ending now. */
    long claims(String brand, String skill, Instant now, Duration window) {
        Minutes m = rates.get(brand + '\u0000' + skill);
        return m == null ? 0 : m.sum(now.getEpochSecond() / 60, (int) Math.min(MINUTES, window.toMinutes()));
    }

    private Minutes counter(String brand, String skill) {
        return rates.computeIfAbsent(brand + '\u0000' + skill, k -> new Minutes());
    }

    private static final class Minutes {
        private final long[] minute = new long[MINUTES];
        private final long[] count = new long[MINUTES];

        synchronized void add(long m) {
            int i = (int) (m % MINUTES);
            if (minute[i] != m) {
                minute[i] = m;
                count[i] = 0;
            }
            count[i]++;
        }

        synchronized long sum(long now, int windowMinutes) {
            long total = 0;
            for (int i = 0; i < MINUTES; i++) {
                if (minute[i] > now - windowMinutes && minute[i] <= now) {
                    total += count[i];
                }
            }
            return total;
        }
    }
}
