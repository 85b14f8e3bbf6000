package dev.veil.gateway.cli;

import dev.veil.gateway.config.VeilConfig;

/** What {@code veil serve} prints in dev mode: what is running, and how to try it. */
final class DevBanner {

    private DevBanner() {}

    static String text(VeilConfig config, int publicPort, int adminPort) {
        return String.join(System.lineSeparator(),
                "",
                "Veil is running in DEV MODE (embedded defaults; never expose it):",
                "  public API  http://127.0.0.1:" + publicPort + "   (CRMs and experts)",
                "  admin API   http://127.0.0.1:" + adminPort + "   (operators, /metrics, the CRM stand-in)",
                "  brand       " + String.join(", ", config.brands().keySet()) + " (policy " + config.brands().values().iterator().next().policy() + ")",
                "  data        " + config.data() + " (stores, dev keyring, dev identity key, audit log)",
                "  experts     exp-1, exp-2 (certified for every brand, en and es)",
                "",
                "Try it (docs/quickstart.md walks through every step):",
                "  ./veil ticket send examples/tickets/zendesk-en.json --brand acme",
                "  TOKEN=$(./veil dev token --expert exp-1)",
                "  curl -s -H \"Authorization: Bearer $TOKEN\" http://127.0.0.1:" + publicPort + "/v1/offers",
                "");
    }
}
