package dev.veil.gateway.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PerThreadSecureRandomTest {

    @Test
    void eachThreadDrawsFromAGeneratorOfItsOwn() throws Exception {
        List<Thread> made = new ArrayList<>();
        SecureRandom random = new PerThreadSecureRandom(() -> {
            synchronized (made) {
                made.add(Thread.currentThread());
            }
            return new SecureRandom();
        });
        random.nextBytes(new byte[16]);
        random.nextInt(); // also through nextBytes
        Thread other = new Thread(() -> random.nextBytes(new byte[16]));
        other.start();
        other.join();

        assertEquals(List.of(Thread.currentThread(), other), made);
    }

    @Test
    void theGatewaysGeneratorIsADrbgPerThreadAndItsDrawsDiffer() {
        SecureRandom random = PerThreadSecureRandom.create();
        byte[] a = new byte[32];
        byte[] b = new byte[32];
        random.nextBytes(a);
        random.nextBytes(b);

        assertEquals("DRBG per thread", random.getAlgorithm());
        assertNotEquals(Arrays.toString(a), Arrays.toString(b));
    }
}
