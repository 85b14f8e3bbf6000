package dev.veil.gateway.cli;

import dev.veil.gateway.config.BrandConfig;
import dev.veil.gateway.config.CrmKind;
import dev.veil.gateway.config.VeilConfig;
import dev.veil.gateway.intake.crm.CrmPing;
import dev.veil.gateway.intake.crm.CrmPresets;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code veil crm}: what to paste into a CRM's admin screens, and a signed ping through the whole path. */
@Command(name = "crm", mixinStandardHelpOptions = true,
        description = "Connects CRMs: webhook templates to paste into Zendesk, Freshdesk or Salesforce, and a test ping.",
        subcommands = {CrmCommand.Template.class, CrmCommand.Test.class, CrmCommand.SigningKey.class})
final class CrmCommand {

    @Command(name = "template", mixinStandardHelpOptions = true,
            description = {"Prints the webhook body to paste into the CRM (zendesk, freshdesk) or the Outbound Message setup (salesforce)."})
    static final class Template implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "KIND", description = "zendesk, freshdesk or salesforce.")
        String kind;

        @Option(names = "--thin", description = "The ticket id only: Veil fetches the whole ticket through the CRM API.")
        boolean thin;

        @Override
        public Integer call() {
            CrmKind crm = CrmKind.byName(kind);
            if (crm == null || crm == CrmKind.WEBHOOK) {
                throw UsageException.usage(kind + ": unknown CRM (expected: zendesk, freshdesk or salesforce)");
            }
            PrintWriter out = spec.commandLine().getOut();
            out.print(CrmPresets.template(crm, thin));
            out.flush();
            return 0;
        }
    }

    @Command(name = "signing-key", mixinStandardHelpOptions = true,
            description = {"Prints a new Ed25519 key pair for v1a signatures of the brand's replies.",
                "The whsk_ half goes into crm.signingKey; the whpk_ half goes to the receiver, which verifies without being able to sign."})
    static final class SigningKey implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            dev.veil.gateway.auth.Ed25519Key key = dev.veil.gateway.auth.Ed25519Key.generate(new SecureRandom());
            PrintWriter out = spec.commandLine().getOut();
            out.println("signingKey: " + key.privateSerialized() + "   # veil.yaml, brands.<id>.crm.signingKey (keep secret)");
            out.println("publicKey:  " + key.publicSerialized() + "   # for the receiver");
            out.flush();
            return 0;
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = {"Sends a ping as the brand's CRM would, signed by its scheme, to its intake route on a running gateway.",
                "The gateway verifies it and calls the CRM API once with the brand's credentials; nothing is stored.",
                "Exit code 0 when the signature and the CRM API both check out, 1 otherwise."})
    static final class Test implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--brand", required = true, description = "The brand whose CRM connection to test.")
        String brand;

        @Option(names = "--url", paramLabel = "URL", description = "The gateway's public address (default: from the configuration).")
        URI url;

        @Mixin
        GatewayConfigOption config;

        @Override
        public Integer call() {
            VeilConfig settings = config.load();
            BrandConfig brandConfig = GatewayCalls.brand(settings, brand);
            CrmPing.Request ping = CrmPing.of(brandConfig, Clock.systemUTC(), new SecureRandom());
            URI base = url != null ? url : GatewayCalls.url(settings.server().publicListener());
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(ping.path())).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(ping.body()));
            ping.headers().forEach(request::header);
            HttpResponse<String> response = GatewayCalls.send(request.build(), base, spec.commandLine().getOut());
            boolean apiOk = response.body().contains("\"api\":\"ok\"") || response.body().contains("\"api\":\"not_configured\"");
            return response.statusCode() == 200 && apiOk ? 0 : 1;
        }
    }
}
