package dev.veil.gateway.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.veil.gateway.server.VeilServerExtension.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.veil.gateway.core.CoreFixtures;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The console in a real browser (headless Chromium) against the real gateway in dev mode, with
 * WireMock as the brand's CRM: dev sign-in, offers, a lost and a won claim race, the masked ticket,
 * a reply whose card number the gateway's scan flags as it is typed, the reply reaching the CRM
 * with the quoted token revealed, the expert's own standing; then the security team's pages:
 * workbench preview and diff, re-drive of a dead letter. Nothing planted in the tickets may show up
 * in the page's DOM, its network responses, its storage or its console. With
 * {@code -Dveil.screenshots=DIR} the pages are also saved as PNGs (desktop and phone width).
 */
@Timeout(120)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    @RegisterExtension
    static final VeilServerExtension SERVER = VeilServerExtension.devMode();

    /** Planted in a customer comment on top of the example tickets' own personal data. */
    private static final List<String> PLANTED = List.of("planted.leak@example.net", "4000 0566 5566 5556", "4000056655665556",
            "+1 212 555 0199");
    private static final String TYPED_CARD = "4012 8888 8888 1881";
    private static final Path SHOTS = System.getProperty("veil.screenshots") == null ? null : Path.of(System.getProperty("veil.screenshots"));

    @RegisterExtension
    static final HeadlessChromium BROWSER = HeadlessChromium.perClass();

    @Test
    @Order(1)
    void anExpertSignsInClaimsReadsTheMaskedTicketAndRepliesAndNothingPlantedLeaksIntoThePage() throws Exception {
        ChromeDriver page = BROWSER.driver();
        SERVER.registerExpert("ui-alice", 3);
        SERVER.registerExpert("ui-bob", 3);
        String lost = sendAcmeTicket();
        String won = sendAcmeTicket();

        page.get(SERVER.publicUrl() + "/app/");
        BROWSER.screenshot(SHOTS, "console-sign-in-phone", HeadlessChromium.PHONE);
        WebElement subject = BROWSER.await(By.id("dev-subject"));
        subject.clear();
        subject.sendKeys("ui-alice", Keys.ENTER);
        BROWSER.awaitText(By.id("who"), "ui-alice");
        WebElement lostButton = BROWSER.await(By.cssSelector("button.claim[data-ticket='" + lost + "']"));
        BROWSER.await(By.cssSelector("button.claim[data-ticket='" + won + "']"));
        WebElement offer = page.findElement(By.cssSelector("li.offer[data-ticket='" + won + "']"));
        assertThat(offer.getText()).contains("acme").contains("en").contains("Waiting").contains("Pay").contains("Surge");
        BROWSER.screenshot(SHOTS, "console-offers-desktop", HeadlessChromium.DESKTOP);
        BROWSER.screenshot(SHOTS, "console-offers-phone", HeadlessChromium.PHONE);

        // the race, lost: Bob takes the ticket while Alice's keyboard is on its Claim button
        page.executeScript("arguments[0].focus();", lostButton);
        HttpResponse<String> bob = SERVER.call("POST", "/v1/tickets/" + lost + "/claim", SERVER.expertToken("ui-bob"), null);
        assertThat(bob.statusCode()).as(bob.body()).isEqualTo(200);
        lostButton.sendKeys(Keys.ENTER);
        BROWSER.awaitText(By.id("status"), "Another expert claimed that ticket first");
        BROWSER.awaitGone(By.cssSelector("li.offer[data-ticket='" + lost + "']"));

        // the race, won
        page.findElement(By.cssSelector("button.claim[data-ticket='" + won + "']")).click();
        BROWSER.awaitText(By.id("status"), "Claimed");
        WebElement thread = BROWSER.await(By.id("thread"));
        assertThat(thread.findElements(By.cssSelector("li.comment"))).hasSize(4);
        assertThat(thread.getText()).contains("charged twice").contains("order AC-10458822");
        List<WebElement> cards = page.findElements(By.cssSelector(".chip.chip-fpe-card .chip-label"));
        assertThat(cards).isNotEmpty();
        assertThat(cards.get(0).getText()).startsWith("card •••• ").endsWith("1111");
        assertThat(page.findElements(By.cssSelector(".chip.chip-random .chip-label"))).anySatisfy(chip -> assertThat(chip.getText()).startsWith("contact ctc_"));
        assertThat(BROWSER.await(By.id("claim-clock")).getText()).startsWith("Claim lapses in");

        // the reply: the gateway's scan flags the typed card number before anything is sent
        WebElement reply = page.findElement(By.id("reply-text"));
        reply.sendKeys("The duplicate charge is refunded to card " + TYPED_CARD + ". We will write to ");
        BROWSER.await(By.cssSelector("#reply-marked mark.pii[data-type='CARD_NUMBER']"));
        assertThat(page.findElement(By.cssSelector("#reply-marked mark.pii")).getText()).isEqualTo(TYPED_CARD);
        BROWSER.awaitText(By.id("reply-verdict"), "card number");
        assertThat(page.findElement(By.id("reply-verdict")).getText()).contains("will be replaced with a token");
        page.executeScript("document.getElementById('thread').scrollIntoView();");
        BROWSER.screenshot(SHOTS, "console-ticket-desktop", HeadlessChromium.DESKTOP);
        BROWSER.screenshot(SHOTS, "console-ticket-phone", HeadlessChromium.PHONE);
        assertThat(page.findElements(By.cssSelector(".chip.chip-fpe-card .chip-use"))).as("card tokens are not revealed in replies").isEmpty();
        WebElement use = page.findElement(By.cssSelector("#thread .chip.chip-random .chip-use"));
        page.executeScript("arguments[0].scrollIntoView({block: 'center'});", use);
        use.click();
        String quoted = (String) page.executeScript("return document.getElementById('reply-text').value;");
        assertThat(quoted).matches("(?s).*We will write to ctc_[0-9A-Za-z]{22}");
        reply.sendKeys(" when it is done.");
        page.findElement(By.id("reply-send")).click();
        BROWSER.awaitText(By.id("status"), "Reply sent; replaced 1 × card number");
        // the ticket is drawn again after a reply (now without a lapsing claim): read the box that is there, in one step
        BROWSER.awaitText(By.id("claim-clock"), "Replied");
        assertThat(page.executeScript("return document.getElementById('reply-text').value;")).isEqualTo("");

        // the CRM stand-in gets the reply: the typed card as a token, the quoted contact token revealed as acme.yaml allows
        LoggedRequest delivered = awaitReply("acme", won);
        String body = json(delivered.getBodyAsString()).get("body").asText();
        assertThat(body).contains("The duplicate charge is refunded").contains("We will write to dana.whitfield@example.com when it is done.")
                .doesNotContain(TYPED_CARD);

        // resolved, rated: the expert's own standing
        assertThat(event("acme", won, "{\"type\": \"resolved\", \"outcome\": \"accepted\"}")).isEqualTo("applied");
        page.findElement(By.cssSelector("[data-tab='me']")).click();
        WebElement gate = BROWSER.await(By.cssSelector(".gate[data-brand='acme']"));
        assertThat(gate.getText()).contains("you get its offers").contains("online");
        assertThat(page.findElement(By.id("me-facts")).getText()).contains("Resolved\n1");
        assertThat(page.findElement(By.id("me")).getText()).contains("Per brand and week").contains("acme");
        BROWSER.screenshot(SHOTS, "console-me-desktop", HeadlessChromium.DESKTOP);
        BROWSER.screenshot(SHOTS, "console-me-phone", HeadlessChromium.PHONE);
        page.findElement(By.cssSelector("[data-tab='offers']")).click();
        BROWSER.await(By.id("refresh-offers"));

        // the leak test: after the whole flow nothing planted is in the DOM, the responses, the storage or the console
        BROWSER.recordNetwork();
        List<String> responses = BROWSER.responses();
        assertThat(String.join("\n", responses)).as("the page did receive the ticket").contains("order AC-10458822");
        List<String> places = new ArrayList<>();
        places.add(BROWSER.dom());
        places.addAll(responses);
        places.add(BROWSER.storage());
        places.addAll(BROWSER.console());
        for (String place : places) {
            assertThat(CoreFixtures.leaks(place)).as("seeded PII in %s", excerpt(place)).isEmpty();
            assertThat(PLANTED).as("planted PII").noneMatch(place::contains);
            assertThat(place).doesNotContain(TYPED_CARD).doesNotContain(TYPED_CARD.replace(" ", ""));
        }
        assertThat(BROWSER.storage()).isEqualTo("{\"local\":{},\"session\":{},\"cookies\":\"\"}");
        // the lost claim's 409 is the one failed load; anything else severe (a script error, a CSP violation) fails the test
        assertThat(BROWSER.console()).filteredOn(line -> line.startsWith("SEVERE"))
                .allMatch(line -> line.contains("/v1/tickets/" + lost + "/claim") && line.contains("409"));
    }

    @Test
    @Order(2)
    void theSecurityTeamPreviewsAndDiffsAPolicyAndReDrivesADeadLetter() throws Exception {
        ChromeDriver page = BROWSER.driver();
        String deadLetter = deadLetter();

        page.get(SERVER.adminUrl() + "/admin/");
        BROWSER.await(By.cssSelector("#dev-sign-in button[type='submit']")).click();
        BROWSER.awaitText(By.id("who"), "dev-admin");

        // workbench: the live policy against a sample ticket, every view side by side
        String sample = Files.readString(CoreFixtures.examples().resolve("tickets/zendesk-en.json"));
        BROWSER.await(By.id("wb-ticket"));
        paste(page, "wb-ticket", sample);
        page.findElement(By.id("wb-preview")).click();
        WebElement base = BROWSER.await(By.cssSelector(".view[data-view='base'] pre"));
        WebElement senior = BROWSER.await(By.cssSelector(".view[data-view='senior'] pre"));
        assertThat(base.getText()).contains("ctc_").doesNotContain("dana.whitfield@example.com");
        assertThat(CoreFixtures.leaks(base.getText())).isEmpty();
        assertThat(senior.getText()).contains("Dana Whitfield"); // the senior view keeps the name, as acme.yaml says
        assertThat(page.findElement(By.cssSelector(".view[data-view='base'] table")).getText()).contains("$.requester.email").contains("tokenize");
        page.executeScript("document.getElementById('wb-results').scrollIntoView();");
        BROWSER.screenshot(SHOTS, "admin-workbench-preview-desktop", HeadlessChromium.DESKTOP);

        // diff: a proposed version that keeps the requester's email is flagged
        String proposed = Files.readString(CoreFixtures.examples().resolve("policies/acme.yaml"))
                .replace("version: 7", "version: 8")
                .replace("action: tokenize, token: contact, type: EMAIL", "action: keep, type: EMAIL");
        paste(page, "wb-policy", proposed);
        page.findElement(By.id("wb-diff")).click();
        BROWSER.awaitText(By.id("wb-verdict"), "Experts would read more");
        assertThat(page.findElements(By.cssSelector("#wb-results .flag"))).anySatisfy(flag -> assertThat(flag.getText()).contains("$.requester.email"));
        page.executeScript("document.getElementById('wb-results').scrollIntoView();");
        BROWSER.screenshot(SHOTS, "admin-workbench-diff-desktop", HeadlessChromium.DESKTOP);
        BROWSER.screenshot(SHOTS, "admin-workbench-diff-phone", HeadlessChromium.PHONE);

        // queues and experts
        page.findElement(By.cssSelector("[data-tab='queues']")).click();
        BROWSER.await(By.cssSelector("#queues svg.chart"));
        assertThat(page.findElement(By.id("queues")).getText()).contains("ui-alice").contains("acme: eligible");
        BROWSER.screenshot(SHOTS, "admin-queues-desktop", HeadlessChromium.DESKTOP);
        BROWSER.screenshot(SHOTS, "admin-queues-phone", HeadlessChromium.PHONE);

        // the dead letter, re-driven from the page, reaches the CRM
        page.findElement(By.cssSelector("[data-tab='outbox']")).click();
        WebElement redrive = BROWSER.await(By.cssSelector("button.redrive[data-message='" + deadLetter + "']"));
        BROWSER.screenshot(SHOTS, "admin-outbox-desktop", HeadlessChromium.DESKTOP);
        BROWSER.screenshot(SHOTS, "admin-outbox-phone", HeadlessChromium.PHONE);
        SERVER.crm().stubFor(post(urlPathEqualTo("/crm/initech")).willReturn(aResponse().withStatus(200)));
        redrive.click();
        BROWSER.awaitText(By.id("status"), "Re-driven");
        SERVER.awaitCrmDelivery("initech", deadLetter);
        BROWSER.awaitGone(By.cssSelector("button.redrive[data-message='" + deadLetter + "']"));
    }

    // --- helpers

    private static String sendAcmeTicket() {
        ObjectNode ticket = E2eTickets.example("zendesk-en", E2eTickets.freshCrmId("acme"));
        E2eTickets.addComment(ticket, "zendesk", "My other card is " + PLANTED.get(1) + ", write to " + PLANTED.get(0)
                + " or call " + PLANTED.get(3) + ".");
        HttpResponse<String> intake = SERVER.sendTicket("acme", E2eTickets.bytes(ticket));
        assertThat(intake.statusCode()).as(intake.body()).isEqualTo(202);
        return json(intake).get("ticket").asText();
    }

    /** A real dead letter: a reply to initech whose CRM answers 503 until the outbox gives up. */
    private static String deadLetter() {
        SERVER.crm().stubFor(post(urlPathEqualTo("/crm/initech")).willReturn(aResponse().withStatus(503)));
        SERVER.registerExpert("ui-carol", 2);
        HttpResponse<String> intake = SERVER.sendTicket("initech",
                E2eTickets.bytes(E2eTickets.example("freshdesk-en", E2eTickets.freshCrmId("initech"))));
        String ticket = json(intake).get("ticket").asText();
        String token = SERVER.expertToken("ui-carol");
        assertThat(SERVER.call("POST", "/v1/tickets/" + ticket + "/claim", token, null).statusCode()).isEqualTo(200);
        HttpResponse<String> reply = SERVER.call("POST", "/v1/tickets/" + ticket + "/reply", token, "{\"text\": \"Refund on its way.\"}");
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(202);
        String message = json(reply).get("messageId").asText();
        VeilServerExtension.await("the reply as a dead letter", Duration.ofSeconds(30), () -> {
            for (JsonNode dead : json(SERVER.admin("GET", "/v1/admin/outbox", null)).get("deadLetters")) {
                if (dead.get("id").asText().equals(message)) {
                    return true;
                }
            }
            return false;
        });
        return message;
    }

    private static LoggedRequest awaitReply(String brand, String ticket) {
        LoggedRequest[] found = new LoggedRequest[1];
        VeilServerExtension.await("a reply for " + ticket + " at the CRM", Duration.ofSeconds(15), () -> {
            for (LoggedRequest request : SERVER.crmRequests(brand)) {
                if (json(request.getBodyAsString()).path("ticket").asText().equals(ticket)) {
                    found[0] = request;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private static String event(String brand, String ticket, String body) {
        HttpResponse<String> response = SERVER.signedPost("/v1/brands/" + brand + "/tickets/" + ticket + "/events", brand,
                "msg_" + UUID.randomUUID(), body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).get("result").asText();
    }

    /** Puts text into a field as a paste does (one input event), which typing 3 KB key by key would only slow down. */
    private static void paste(ChromeDriver page, String id, String text) {
        page.executeScript("const e = document.getElementById(arguments[0]); e.value = arguments[1];"
                + " e.dispatchEvent(new Event('input', {bubbles: true}));", id, text);
    }

    private static String excerpt(String place) {
        return place.length() > 120 ? place.substring(0, 120) + "…" : place;
    }
}
