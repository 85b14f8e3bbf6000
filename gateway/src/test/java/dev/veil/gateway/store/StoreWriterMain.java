package dev.veil.gateway.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The child process of {@link StoreCrashTest}: writes tickets (each then updated once) and outbox
 * messages from several threads until killed, printing a line for each write once it returned.
 * Arguments: keyring, master key file, data directory, first number, threads.
 */
public final class StoreWriterMain {

    private StoreWriterMain() {
    }

    static String viewJson(String id, long version) {
        return "{\"id\":\"" + id + "\",\"version\":" + version + "}";
    }

    static StoredTicket ticket(String id, long version) {
        return new StoredTicket(id, "acme", "crm-" + id, version, 0, 1, java.time.Instant.EPOCH.plusSeconds(version),
                Map.of(StoredTicket.BASE_VIEW, new TicketView(StoredTicket.BASE_VIEW, viewJson(id, version), List.of())));
    }

    static byte[] payload(String id) {
        return ("{\"message\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws Exception {
        SecureRandom random = new SecureRandom();
        StoreCipher cipher = StoreCipher.of(CrashRounds.childKeys(args), random);
        Path data = Path.of(args[2]);
        long first = Long.parseLong(args[3]);
        int threads = Integer.parseInt(args[4]);
        MvTicketStore tickets = MvTicketStore.open(data.resolve("tickets.mv.db"), cipher);
        MvOutbox outbox = MvOutbox.open(data.resolve("outbox.mv.db"), cipher, RetryPolicy.defaults(), Clock.systemUTC(), random);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long start = first + t * 100_000L;
            Thread w = new Thread(() -> {
                for (long n = start; ; n++) {
                    String id = "t_" + n;
                    tickets.put(ticket(id, 1));
                    say("T " + id + " 1");
                    tickets.put(ticket(id, 2));
                    say("T " + id + " 2");
                    outbox.enqueue("msg_" + n, "acme", payload("msg_" + n));
                    say("M msg_" + n);
                }
            });
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
