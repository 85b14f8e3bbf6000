package dev.veil.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty's leak detector reports a buffer that was never released. Listens on
 * the detector every {@code ByteBuf} uses (whatever the order classes were loaded in), and after the
 * class forces collection and a few tracked allocations so pending reports surface.
 */
public final class NettyLeaks implements BeforeAllCallback, AfterAllCallback {

    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    static {
        detector().setLeakListener((type, records) -> LEAKS.add(type + ": " + records));
    }

    @SuppressWarnings("unchecked")
    static ResourceLeakDetector<ByteBuf> detector() {
        try {
            Field field = Class.forName("io.netty.buffer.AbstractByteBuf").getDeclaredField("leakDetector");
            field.setAccessible(true);
            return (ResourceLeakDetector<ByteBuf>) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Netty's ByteBuf leak detector cannot be reached", e);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        assertThat(ResourceLeakDetector.getLevel()).as("surefire sets io.netty.leakDetection.level").isEqualTo(ResourceLeakDetector.Level.PARANOID);
        LEAKS.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        flush(5);
        List<String> leaks = new ArrayList<>(LEAKS);
        LEAKS.clear();
        assertThat(leaks).as("buffers leaked (Netty leak detector at PARANOID)").isEmpty();
    }

    /** Collects garbage and allocates tracked buffers, which makes the detector report what it found. */
    static void flush(int rounds) {
        for (int i = 0; i < rounds; i++) {
            System.gc();
            System.runFinalization();
            for (int j = 0; j < 64; j++) {
                ByteBufAllocator.DEFAULT.buffer(16).release();
            }
        }
    }

    /** The leaks reported so far whose records mention {@code hint}; removes them. */
    static List<String> take(String hint) {
        List<String> found = new ArrayList<>();
        for (String leak : LEAKS) {
            if (leak.contains(hint)) {
                found.add(leak);
                LEAKS.remove(leak);
            }
        }
        return found;
    }
}
