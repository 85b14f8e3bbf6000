package dev.veil.gateway.server;

import static dev.veil.gateway.server.VeilServerExtension.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.gateway.store.StoredTicket;
import dev.veil.policy.engine.TokenRecord;
import dev.veil.policy.model.TokenProfile;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a ticket's intake adds to {@code /metrics}: the tokens its base view issued, by format. */
@Timeout(60)
class IntakeMetricsTest {

    @RegisterExtension
    static final VeilServerExtension SERVER = VeilServerExtension.running();

    private static final Pattern TOKENS_ISSUED = Pattern.compile("(?m)^veil_tokens_issued_total\\{format=\"([a-z0-9-]+)\"} ([0-9.eE+]+)$");

    @Test
    void tokensIssuedCountEveryTokenOfTheBaseViewByItsProfilesFormat() {
        Map<String, Double> before = tokensIssued();
        HttpResponse<String> intake = SERVER.sendTicket("acme",
                E2eTickets.bytes(E2eTickets.example("zendesk-en", E2eTickets.freshCrmId("acme"))));
        assertThat(intake.statusCode()).isEqualTo(202);
        String ticketId = json(intake).get("ticket").asText();

        StoredTicket stored = SERVER.gateway().core().tickets().get(ticketId).orElseThrow();
        Map<String, TokenProfile> profiles = SERVER.gateway().core().policies().get("acme").current().spec().tokens();
        Map<String, Double> expected = new TreeMap<>();
        for (TokenRecord token : stored.views().get(StoredTicket.BASE_VIEW).tokens()) {
            TokenProfile profile = profiles.get(token.profile());
            expected.merge(profile == null ? "other" : profile.format().yamlName(), 1.0, Double::sum);
        }
        assertThat(expected).as("the example ticket issues tokens").isNotEmpty();

        Map<String, Double> after = tokensIssued();
        Map<String, Double> added = new TreeMap<>();
        after.forEach((format, total) -> {
            double delta = total - before.getOrDefault(format, 0.0);
            if (delta != 0) {
                added.put(format, delta);
            }
        });
        assertThat(added).isEqualTo(expected);
    }

    private static Map<String, Double> tokensIssued() {
        HttpResponse<String> metrics = SERVER.admin("GET", "/metrics", null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        Map<String, Double> byFormat = new HashMap<>();
        Matcher m = TOKENS_ISSUED.matcher(metrics.body());
        while (m.find()) {
            byFormat.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return byFormat;
    }
}
