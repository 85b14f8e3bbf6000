package dev.veil.bench.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints N distinct free TCP ports on 127.0.0.1, one a line, for the load benchmark's servers: the
 * system picks them (port 0), so runs never collide with fixed ports other programs use.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.veil.bench.load.FreePorts N</pre>
 */
public final class FreePorts {

    public static void main(String[] args) throws IOException {
        int n = args.length == 1 ? Integer.parseInt(args[0]) : 1;
        if (n < 1 || n > 16) {
            throw new IllegalArgumentException("N: " + n + " (expected: 1 to 16)");
        }
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            // all open at once, so the N ports differ
            for (int i = 0; i < n; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            sockets.forEach(s -> System.out.println(s.getLocalPort()));
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }
}
