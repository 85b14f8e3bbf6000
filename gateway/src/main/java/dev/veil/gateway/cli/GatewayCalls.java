package dev.veil.gateway.cli;

import static java.util.Objects.requireNonNull;

import dev.veil.gateway.config.BrandConfig;
import dev.veil.gateway.config.ListenerConfig;
import dev.veil.gateway.config.VeilConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** What the commands that call a running gateway as a brand's CRM share: the brand, the address, the call and its printed answer. */
final class GatewayCalls {

    private GatewayCalls() {}

    /** The brand {@code id} of {@code config}, or a usage error naming the brands there are. */
    static BrandConfig brand(VeilConfig config, String id) {
        BrandConfig brand = config.brand(id);
        if (brand == null) {
            throw UsageException.usage("--brand " + id + ": not in the configuration (expected one of: "
                    + String.join(", ", config.brands().keySet()) + ")");
        }
        return brand;
    }

    /** The address a client on this machine reaches {@code listener} at: a wildcard host is reached on the loopback address. */
    static URI url(ListenerConfig listener) {
        String scheme = listener.tls().isPresent() ? "https" : "http";
        String host = listener.host().contains(":") ? "[" + listener.host() + "]" : listener.host();
        if (host.equals("0.0.0.0")) {
            host = "127.0.0.1";
        }
        return URI.create(scheme + "://" + host + ":" + listener.port());
    }

    /** Sends {@code request} to the gateway at {@code base} and prints its status and body to {@code out}; unreachable is a usage error. */
    static HttpResponse<String> send(HttpRequest request, URI base, PrintWriter out) {
        requireNonNull(out, "out");
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw UsageException.usage("cannot reach the gateway at " + base + " (" + e.getClass().getSimpleName() + "; is veil serve running?)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw UsageException.usage("interrupted");
        }
        out.println(response.statusCode() + " " + response.body());
        out.flush();
        return response;
    }
}
