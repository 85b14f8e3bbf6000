package dev.veil.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MvCaseStatesTest extends CaseStatesContract {

    @TempDir
    Path dir;

    final List<CaseStates> open = new ArrayList<>();

    @Override
    CaseStates store() {
        CaseStates s = MvCaseStates.open(dir.resolve("crm-states.mv.db"), clock);
        open.add(s);
        return s;
    }

    @AfterEach
    void close() {
        open.forEach(CaseStates::close);
    }

    @Test
    void theLatestStateSurvivesARestartAndPruningIsDurable() {
        CaseStates s = store();
        s.advance("acme", "500xx0000000001", T2);
        s.advance("acme", "500xx0000000002", T2);
        s.close();
        open.clear();
        CaseStates reopened = store();
        assertThat(reopened.advance("acme", "500xx0000000001", T1)).isFalse();
        clock.advance(CaseStates.RETENTION);
        reopened.advance("acme", "500xx0000000002", T2);
        assertThat(reopened.prune()).isEqualTo(1);
        reopened.close();
        open.clear();
        CaseStates again = store();
        assertThat(again.advance("acme", "500xx0000000001", T1)).as("pruned for good").isTrue();
        assertThat(again.advance("acme", "500xx0000000002", T1)).as("renewed, kept").isFalse();
    }
}
