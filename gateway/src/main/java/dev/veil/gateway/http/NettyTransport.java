package dev.veil.gateway.http;

import static java.util.Objects.requireNonNull;

import io.netty.channel.EventLoop;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Which of Netty's transports carries the sockets: the native epoll one (Linux, fewer syscalls per
 * request than NIO's selector) or the JDK's NIO. The server's event loops and the upstream client's
 * connections, which run on those loops, must use the same one: {@link #of(EventLoop)} tells the
 * client which.
 */
public enum NettyTransport {
    NIO(NioIoHandler::newFactory, NioServerSocketChannel.class, NioSocketChannel.class),
    EPOLL(EpollIoHandler::newFactory, EpollServerSocketChannel.class, EpollSocketChannel.class);

    /** What the configuration asks for: the best available, or one by name. */
    public enum Choice {
        AUTO, NIO, EPOLL;

        /** The choice named {@code auto}, {@code nio} or {@code epoll} in {@code veil.yaml}. */
        public static Choice of(String yamlName) {
            return valueOf(requireNonNull(yamlName, "yamlName").toUpperCase(Locale.ROOT));
        }

        /** Every choice's name in {@code veil.yaml}, the values {@code server.transport} takes. */
        public static List<String> yamlNames() {
            return Arrays.stream(values()).map(Choice::yamlName).toList();
        }

        /** Its name in {@code veil.yaml}. */
        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Supplier<IoHandlerFactory> handlers;
    private final Class<? extends ServerChannel> serverChannel;
    private final Class<? extends SocketChannel> socketChannel;

    NettyTransport(Supplier<IoHandlerFactory> handlers, Class<? extends ServerChannel> serverChannel,
            Class<? extends SocketChannel> socketChannel) {
        this.handlers = handlers;
        this.serverChannel = serverChannel;
        this.socketChannel = socketChannel;
    }

    /**
     * The transport {@code choice} names: for {@link Choice#AUTO}, epoll where its native library
     * loads and NIO elsewhere.
     *
     * @throws ServerException {@code transport_unavailable} if epoll is asked for and cannot load here
     */
    public static NettyTransport choose(Choice choice) {
        return choose(choice, Epoll.isAvailable());
    }

    static NettyTransport choose(Choice choice, boolean epollAvailable) {
        return switch (requireNonNull(choice, "choice")) {
            case NIO -> NIO;
            case AUTO -> epollAvailable ? EPOLL : NIO;
            case EPOLL -> {
                if (!epollAvailable) {
                    // the cause is Netty's own (another OS, a library that did not load), never request data
                    Throwable cause = Epoll.unavailabilityCause();
                    throw new ServerException("transport_unavailable", "server.transport: epoll is not available on this machine ("
                            + (cause == null ? "its native library did not load" : cause.getClass().getSimpleName() + ": " + cause.getMessage())
                            + "); use auto or nio");
                }
                yield EPOLL;
            }
        };
    }

    /** The transport {@code loop} runs on: epoll for a loop of an epoll group, NIO for any other. */
    public static NettyTransport of(EventLoop loop) {
        requireNonNull(loop, "loop");
        if (loop instanceof IoEventLoop io && io.isIoType(EpollIoHandler.class)) {
            return EPOLL;
        }
        return NIO;
    }

    /** The factory of this transport's event loops' I/O handlers. */
    public IoHandlerFactory newHandlers() {
        return handlers.get();
    }

    public Class<? extends ServerChannel> serverChannel() {
        return serverChannel;
    }

    public Class<? extends SocketChannel> socketChannel() {
        return socketChannel;
    }

    /** Its name in logs and {@code veil.yaml}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
