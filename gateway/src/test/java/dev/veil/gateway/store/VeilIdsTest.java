package dev.veil.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VeilIdsTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void orderedIdsHaveTheTicketIdShapeAndSortByTheirMillisecond() {
        List<String> ids = new ArrayList<>();
        long start = 1_790_000_000_000L;
        for (long ms = start; ms < start + 2_000; ms += 7) {
            ids.add(VeilIds.nextOrdered(VeilIds.TICKET, ms, RANDOM));
        }
        assertThat(ids).allMatch(VeilIds::isTicketId);
        assertThat(ids).isSorted();
        // the largest time 48 bits hold still fits in 22 characters
        assertThat(VeilIds.isTicketId(VeilIds.nextOrdered(VeilIds.TICKET, (1L << 48) - 1, RANDOM))).isTrue();
    }

    @Test
    void orderedIdsOfOneMillisecondDifferInTheirRandomPart() {
        Set<String> ids = new HashSet<>();
        Set<String> tails = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String id = VeilIds.nextOrdered(VeilIds.TICKET, 1_790_000_000_000L, RANDOM);
            ids.add(id);
            tails.add(id.substring(id.length() - 12)); // one time for all: the last 12 characters differ by the random bits
        }
        assertThat(ids).hasSize(1_000);
        assertThat(tails).hasSize(1_000);
    }

    @Test
    void aTimeOutside48BitsIsRefused() {
        assertThatThrownBy(() -> VeilIds.nextOrdered(VeilIds.TICKET, -1, RANDOM)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VeilIds.nextOrdered(VeilIds.TICKET, 1L << 48, RANDOM)).isInstanceOf(IllegalArgumentException.class);
    }
}
