package dev.veil.gateway.upstream;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tiny HTTP/1.1 upstream on a plain server socket (127.0.0.1, ephemeral port), one thread per
 * connection, that counts the connections it accepts and the body bytes it writes, and lets a test
 * answer each request byte by byte (keep-alive, close mid-body, write more than anyone buffers).
 */
final class RawUpstream implements AutoCloseable {

    /** Answers one request on {@code out}; returns false to close the connection afterwards. */
    @FunctionalInterface
    interface Answer {
        boolean write(String requestLine, OutputStream out, RawUpstream upstream) throws IOException;
    }

    private final ServerSocket server;
    private final Answer answer;
    final AtomicInteger accepted = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicLong bodyBytesWritten = new AtomicLong();
    final AtomicInteger writeFailures = new AtomicInteger();

    RawUpstream(Answer answer) throws IOException {
        this.answer = answer;
        this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(this::accept, "raw-upstream");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    UpstreamOrigin origin() {
        return new UpstreamOrigin("http", "127.0.0.1", port());
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                accepted.incrementAndGet();
                socket.setSendBufferSize(64 * 1024); // the test measures Veil's buffering, not this socket's
                Thread t = new Thread(() -> serve(socket), "raw-upstream-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream()); OutputStream out = socket.getOutputStream()) {
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                requests.incrementAndGet();
                skipBody(head, in);
                if (!answer.write(head.substring(0, head.indexOf('\r')), out, this)) {
                    return;
                }
                out.flush();
            }
        } catch (IOException e) {
            writeFailures.incrementAndGet();
        }
    }

    /** Writes {@code length} bytes of {@link #at} in 64 KiB pieces, counting them as they go out. */
    void writeGenerated(OutputStream out, long from, long length) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long position = from;
        long end = from + length;
        while (position < end) {
            int n = (int) Math.min(buffer.length, end - position);
            for (int i = 0; i < n; i++) {
                buffer[i] = at(position + i);
            }
            out.write(buffer, 0, n);
            position += n;
            bodyBytesWritten.addAndGet(n);
        }
        out.flush();
    }

    /** The byte at {@code position} of a generated body. */
    static byte at(long position) {
        return (byte) (position * 31 + (position >>> 11));
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static void skipBody(String head, InputStream in) throws IOException {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                in.readNBytes(Integer.parseInt(line.substring(15).trim()));
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
