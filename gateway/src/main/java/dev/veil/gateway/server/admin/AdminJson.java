package dev.veil.gateway.server.admin;

import dev.veil.gateway.routing.model.ExpertView;
import dev.veil.gateway.routing.model.QueueStat;
import dev.veil.gateway.routing.model.ScoreSummary;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** The JSON shapes of the admin API's answers, built as ordered maps. */
final class AdminJson {

    private AdminJson() {}

    static Map<String, Object> expert(ExpertView v) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", v.profile().expertId());
        Map<String, String> certifications = new TreeMap<>();
        v.profile().certifications().forEach((brand, expiry) -> certifications.put(brand, expiry.toString()));
        out.put("certifications", certifications);
        out.put("skills", new TreeMap<>(v.profile().skills()));
        out.put("languages", new TreeSet<>(v.profile().languages()));
        out.put("capacity", v.profile().capacity());
        out.put("online", v.online());
        out.put("suspended", v.suspended());
        out.put("slotsInUse", v.slotsInUse());
        Map<String, Object> counters = new LinkedHashMap<>();
        counters.put("claims", v.counters().claims());
        counters.put("resolutions", v.counters().resolutions());
        counters.put("timeouts", v.counters().timeouts());
        counters.put("releases", v.counters().releases());
        counters.put("rejections", v.counters().rejections());
        out.put("counters", counters);
        out.put("lastAssignedAt", instant(v.lastAssignedAt()));
        out.put("rating", score(v.rating()));
        out.put("quality", score(v.quality()));
        return out;
    }

    static Map<String, Object> score(ScoreSummary s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", s.count());
        out.put("average", s.average().map(a -> a.toPlainString()).orElse(null));
        return out;
    }

    static List<Map<String, Object>> queues(List<QueueStat> stats) {
        return stats.stream().map(AdminJson::queue).toList();
    }

    static Map<String, Object> queue(QueueStat s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("brand", s.brand());
        out.put("skill", s.skill());
        out.put("depth", s.depth());
        out.put("oldestWaitSeconds", s.oldestWait().toSeconds());
        out.put("expectedWaitSeconds", s.expectedWait().map(d -> (Object) d.toSeconds()).orElse(null));
        out.put("expertsOnline", s.expertsOnline());
        out.put("expertsEligible", s.expertsEligible());
        return out;
    }

    static String instant(Instant at) {
        return at == null ? null : at.toString();
    }
}
