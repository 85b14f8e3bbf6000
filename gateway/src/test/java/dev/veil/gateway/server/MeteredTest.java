package dev.veil.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.gateway.ops.VeilMetrics;
import dev.veil.gateway.store.InMemoryTicketStore;
import dev.veil.gateway.store.TicketStore;
import dev.veil.tokenizer.vault.InMemoryTokenStore;
import dev.veil.tokenizer.vault.StoredToken;
import dev.veil.tokenizer.vault.TokenStore;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeteredTest {

    /**
     * A default method the wrapper does not forward answers with the interface's default, not the
     * store's: a faster path of the store (the convergent look-up, the head of a ticket) would be lost.
     */
    @Test
    void theWrappersForwardEveryDefaultMethodOfTheirStore() throws Exception {
        VeilMetrics metrics = VeilMetrics.create();
        assertForwardsDefaults(TokenStore.class, Metered.tokens(InMemoryTokenStore.of(), metrics).getClass());
        assertForwardsDefaults(TicketStore.class, Metered.tickets(InMemoryTicketStore.of(), metrics).getClass());
    }

    @Test
    void theConvergentLookUpReachesTheStore() {
        InMemoryTokenStore memory = InMemoryTokenStore.of();
        TokenStore metered = Metered.tokens(memory, VeilMetrics.create());
        byte[] fingerprint = new byte[32];
        fingerprint[0] = 7;
        StoredToken entry = new StoredToken("tok_metered", "acme", "acme/vault", 1, new byte[40]);
        metered.putIfAbsent(fingerprint, entry);

        assertThat(metered.convergentToken("acme", fingerprint)).contains("tok_metered");
    }

    private static void assertForwardsDefaults(Class<?> type, Class<?> wrapper) throws Exception {
        List<Method> defaults = Arrays.stream(type.getMethods()).filter(Method::isDefault)
                .filter(m -> !Modifier.isStatic(m.getModifiers())).toList();
        for (Method m : defaults) {
            assertThat(wrapper.getMethod(m.getName(), m.getParameterTypes()).getDeclaringClass())
                    .as(type.getSimpleName() + "." + m.getName())
                    .isEqualTo(wrapper);
        }
    }
}
