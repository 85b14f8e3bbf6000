package dev.veil.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The leak harness itself: a buffer dropped without release is reported, so a clean run means something. */
@ExtendWith(NettyLeaks.class)
class NettyLeaksTest {

    @Test
    void aDroppedBufferIsReported() {
        leakOne();
        List<String> found = List.of();
        // Collection is not on demand: retry a bounded number of rounds until the report surfaces.
        for (int round = 0; round < 200 && found.isEmpty(); round++) {
            NettyLeaks.flush(1);
            found = NettyLeaks.take("veil-deliberate-leak");
        }
        assertThat(found).hasSize(1);
    }

    private static void leakOne() {
        ByteBuf buf = ByteBufAllocator.DEFAULT.buffer(32);
        buf.writeInt(42);
        buf.touch("veil-deliberate-leak");
    }
}
