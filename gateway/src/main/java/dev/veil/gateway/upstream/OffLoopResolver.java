package dev.veil.gateway.upstream;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.resolver.InetSocketAddressResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Resolves host names with the JDK's resolver (its cache, {@code /etc/hosts}, the system's DNS) on
 * a small blocking pool instead of the event loop, which must never wait for DNS.
 */
final class OffLoopResolver extends AddressResolverGroup<InetSocketAddress> {

    private final Executor blocking;

    OffLoopResolver(Executor blocking) {
        this.blocking = blocking;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new InetSocketAddressResolver(executor, new InetNameResolver(executor) {
            @Override
            protected void doResolve(String host, Promise<InetAddress> promise) {
                offLoop(promise, () -> InetAddress.getByName(host));
            }

            @Override
            protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
                offLoop(promise, () -> Arrays.asList(InetAddress.getAllByName(host)));
            }
        });
    }

    private interface Lookup<T> {
        T get() throws Exception;
    }

    private <T> void offLoop(Promise<T> promise, Lookup<T> lookup) {
        try {
            blocking.execute(() -> {
                try {
                    promise.trySuccess(lookup.get());
                } catch (Exception e) {
                    promise.tryFailure(e);
                }
            });
        } catch (RejectedExecutionException e) {
            promise.tryFailure(e);
        }
    }
}
