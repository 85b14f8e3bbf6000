package dev.veil.gateway.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.gateway.intake.IntakeResult;
import dev.veil.tokenizer.vault.LocalKeyProvider;
import dev.veil.tokenizer.vault.MasterKey;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The child process of {@link IntakeCrashTest}: submits example tickets with fresh CRM ids to a
 * core on a data directory until killed, printing each Veil id and CRM id once submit returned
 * (where the server would answer 202). Arguments: keyring, master key file, data directory, first CRM id.
 */
public final class IntakeWriterMain {

    private IntakeWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        SecureRandom random = new SecureRandom();
        LocalKeyProvider keys = LocalKeyProvider.open(Path.of(args[0]), MasterKey.fromFile(Path.of(args[1])), random);
        GatewayCore core = CoreFixtures.core(Path.of(args[2]), keys, Clock.systemUTC()).build();
        ObjectMapper json = new ObjectMapper();
        ObjectNode template = (ObjectNode) json.readTree(CoreFixtures.ticket("zendesk-en"));
        for (long n = Long.parseLong(args[3]); ; n++) {
            ObjectNode t = template.deepCopy();
            ((ObjectNode) t.get("ticket")).put("id", n);
            IntakeResult r = core.intake().submit("acme", json.writeValueAsBytes(t));
            System.out.println(r.ticketId() + " " + n);
            System.out.flush();
        }
    }
}
