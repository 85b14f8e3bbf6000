package dev.veil.gateway.cli;

import dev.veil.gateway.auth.StandardWebhooks;
import dev.veil.gateway.config.BrandConfig;
import dev.veil.gateway.config.VeilConfig;
import dev.veil.tokenizer.io.LimitedInput;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code veil ticket}: sends a ticket or a ticket event to a running gateway as a brand's CRM would, signed. */
@Command(name = "ticket", mixinStandardHelpOptions = true,
        description = "Sends tickets and ticket events to a running gateway, signed as the brand's CRM would sign them.",
        subcommands = {TicketCommand.Send.class, TicketCommand.Event.class})
final class TicketCommand {

    @Command(name = "send", mixinStandardHelpOptions = true,
            description = {"Sends a ticket (the CRM's JSON) to POST /v1/brands/BRAND/tickets, signed with the brand's first webhook secret.",
                "Prints the gateway's answer; exit code 0 for a 2xx answer, 1 otherwise."})
    static final class Send implements Callable<Integer> {

        @Parameters(paramLabel = "TICKET.json", description = "The ticket, as the CRM sends it.")
        Path ticket;

        @Mixin
        Target target;

        @Override
        public Integer call() {
            byte[] body = target.read(ticket);
            return target.post("/v1/brands/" + target.brand + "/tickets", body);
        }
    }

    @Command(name = "event", mixinStandardHelpOptions = true,
            description = {"Sends a ticket event (resolved, reopened, csat, qa, closed) to POST /v1/brands/BRAND/tickets/ID/events.",
                "Prints the gateway's answer; exit code 0 for a 2xx answer, 1 otherwise."})
    static final class Event implements Callable<Integer> {

        @Parameters(paramLabel = "TICKET_ID", description = "The Veil ticket id (or the CRM's own ticket id).")
        String ticketId;

        @Option(names = "--type", required = true, description = "resolved, reopened, csat, qa or closed.")
        String type;

        @Option(names = "--score", description = "For csat and qa: 0 to 100.")
        Integer score;

        @Option(names = "--outcome", description = "For resolved: accepted (default) or rejected.")
        String outcome;

        @Mixin
        Target target;

        @Override
        public Integer call() {
            StringBuilder json = new StringBuilder("{\"type\":").append(quote(type));
            if (score != null) {
                json.append(",\"score\":").append(score);
            }
            if (outcome != null) {
                json.append(",\"outcome\":").append(quote(outcome));
            }
            json.append('}');
            String path = "/v1/brands/" + target.brand + "/tickets/" + URLEncoder.encode(ticketId, StandardCharsets.UTF_8) + "/events";
            return target.post(path, json.toString().getBytes(StandardCharsets.UTF_8));
        }

        private static String quote(String text) {
            return dev.veil.gateway.server.Json.object().put("v", text).get("v").toString();
        }
    }

    /** Where to send and with which brand's secret. */
    static final class Target {

        @Option(names = "--brand", required = true, description = "The brand whose CRM sends it (its secret signs the request).")
        String brand;

        @Option(names = "--url", paramLabel = "URL", description = "The gateway's public address (default: from the configuration).")
        URI url;

        @Mixin
        GatewayConfigOption config;

        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        private VeilConfig loaded;

        private VeilConfig settings() {
            if (loaded == null) {
                loaded = config.load();
            }
            return loaded;
        }

        byte[] read(Path file) {
            int max = (int) Math.min(Integer.MAX_VALUE - 1, settings().limits().maxBodyBytes());
            try (InputStream in = Files.newInputStream(file)) {
                return LimitedInput.readAtMost(in, max, () -> UsageException.usage(file + ": larger than " + max + " bytes (the gateway's limit)"));
            } catch (NoSuchFileException e) {
                throw UsageException.usage(file + ": no such file");
            } catch (IOException e) {
                throw UsageException.usage(file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
            }
        }

        int post(String path, byte[] body) {
            BrandConfig brandConfig = GatewayCalls.brand(settings(), brand);
            StandardWebhooks signer = StandardWebhooks.of(List.of(brandConfig.webhookSecrets().get(0)), Clock.systemUTC());
            byte[] random = new byte[12];
            new SecureRandom().nextBytes(random);
            String webhookId = "msg_" + HexFormat.of().formatHex(random);
            URI base = url != null ? url : GatewayCalls.url(settings().server().publicListener());
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            signer.sign(webhookId, body).forEach(request::header);
            HttpResponse<String> response = GatewayCalls.send(request.build(), base, spec.commandLine().getOut());
            return response.statusCode() / 100 == 2 ? 0 : 1;
        }
    }
}
