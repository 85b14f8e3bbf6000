package dev.veil.gateway.server.admin;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.http.HttpRequest;
import dev.veil.gateway.http.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * {@code GET /v1/admin/ledger?format=csv|json&from=ISO&to=ISO}: the pay ledger between {@code from}
 * (inclusive) and {@code to} (exclusive), either bound optional; JSON unless {@code format=csv}.
 */
final class LedgerHandler {

    static final String CSV = "text/csv; charset=utf-8";

    private final AdminContext ctx;

    LedgerHandler(AdminContext ctx) {
        this.ctx = requireNonNull(ctx, "ctx");
    }

    HttpResponse export(HttpRequest request) throws IOException {
        String format = request.queryParam("format").orElse("json");
        if (!format.equals("json") && !format.equals("csv")) {
            throw AdminErrors.badRequest(AdminErrors.INVALID_PARAMETER, "format: expected csv or json");
        }
        Instant from = AdminParams.instant(request, "from").orElse(null);
        Instant to = AdminParams.instant(request, "to").orElse(null);
        if (from != null && to != null && to.isBefore(from)) {
            throw AdminErrors.badRequest(AdminErrors.INVALID_PARAMETER, "to: expected an instant not before from");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (format.equals("csv")) {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            ctx.core().routing().ledger().writeCsv(writer, from, to);
            return HttpResponse.of(200, CSV, out.toByteArray())
                    .withHeader("Content-Disposition", "attachment; filename=\"veil-ledger.csv\"");
        }
        ctx.core().routing().ledger().writeJson(out, from, to);
        return HttpResponse.json(200, out.toByteArray());
    }
}
