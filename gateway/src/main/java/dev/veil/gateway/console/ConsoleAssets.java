package dev.veil.gateway.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The console's static files (HTML, CSS, JavaScript modules), read once from the jar's resources
 * under {@value #ROOT}: those {@value #MANIFEST} lists, by area ({@code app}, {@code admin}, and
 * {@code shared} for both). Nothing is built: the files are served as they are in the source tree.
 */
public final class ConsoleAssets {

    static final String ROOT = "/dev/veil/gateway/console/web/";
    static final String MANIFEST = "files.txt";
    /** The console's whole weight stays under this (the issue's budget). */
    public static final int MAX_TOTAL_BYTES = 200 * 1024;

    /** One file: its bytes, content type and strong ETag. */
    public record Asset(String name, byte[] bytes, String contentType, String etag) {}

    private final Map<String, Asset> files;

    private ConsoleAssets(Map<String, Asset> files) {
        this.files = Map.copyOf(files);
    }

    /** Reads every file the manifest lists; a missing file or a console over budget is a packaging error. */
    public static ConsoleAssets load() {
        Map<String, Asset> files = new LinkedHashMap<>();
        int total = 0;
        for (String line : new String(read(MANIFEST), StandardCharsets.UTF_8).split("\n")) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            byte[] bytes = read(name);
            total += bytes.length;
            files.put(name, new Asset(name, bytes, contentType(name), etag(bytes)));
        }
        if (total > MAX_TOTAL_BYTES) {
            throw new IllegalStateException("console: " + total + " bytes (expected: at most " + MAX_TOTAL_BYTES + ")");
        }
        return new ConsoleAssets(files);
    }

    /** The file {@code file} of {@code area}, else of {@code shared}. */
    public Optional<Asset> find(String area, String file) {
        if (file.contains("/") || file.startsWith(".")) {
            return Optional.empty();
        }
        Asset own = files.get(area + "/" + file);
        return Optional.ofNullable(own != null ? own : files.get("shared/" + file));
    }

    /** Every file, by path under the root. */
    public Map<String, Asset> all() {
        return files;
    }

    private static byte[] read(String name) {
        try (InputStream in = ConsoleAssets.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("console: resource " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String contentType(String name) {
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (name.endsWith(".svg")) {
            return "image/svg+xml";
        }
        if (name.endsWith(".webmanifest")) {
            return "application/manifest+json";
        }
        throw new IllegalStateException("console: no content type for " + name);
    }

    private static String etag(byte[] bytes) {
        try {
            return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JVM");
        }
    }
}
