package dev.veil.gateway.routing;

import dev.veil.gateway.routing.model.ReputationRecord;
import dev.veil.gateway.routing.model.ScoreSummary;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The last N scored tickets (0 to 100 each), oldest first, with an exact running sum; not thread-safe. */
final class ScoreWindow {

    private final LinkedHashMap<String, Integer> scores = new LinkedHashMap<>();
    private int size;
    private long sum;

    ScoreWindow(int size) {
        this.size = size;
    }

    /** Records a ticket's score; a ticket scored again moves to the newest position. */
    void record(String ticketId, int score) {
        Integer old = scores.remove(ticketId);
        if (old != null) {
            sum -= old;
        }
        scores.put(ticketId, score);
        sum += score;
        trim();
    }

    /** Removes a ticket's score, e.g. a rating the brand marked as a policy complaint. */
    /** Forgets every score (before taking over a window stored by another node). */
    void clear() {
        scores.clear();
        sum = 0;
    }

    boolean exclude(String ticketId) {
        Integer old = scores.remove(ticketId);
        if (old == null) {
            return false;
        }
        sum -= old;
        return true;
    }

    void resize(int newSize) {
        size = newSize;
        trim();
    }

    ScoreSummary summary() {
        return scores.isEmpty() ? ScoreSummary.EMPTY : new ScoreSummary(scores.size(), sum);
    }

    List<ReputationRecord.Score> entries() {
        List<ReputationRecord.Score> out = new ArrayList<>(scores.size());
        scores.forEach((t, s) -> out.add(new ReputationRecord.Score(t, s)));
        return out;
    }

    private void trim() {
        Iterator<Map.Entry<String, Integer>> it = scores.entrySet().iterator();
        while (scores.size() > size && it.hasNext()) {
            sum -= it.next().getValue();
            it.remove();
        }
    }
}
