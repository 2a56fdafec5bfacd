package dev.escalator.schedule;

import static dev.escalator.testing.Fixtures.anEscalation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.Escalation;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class AfterWriteTest {
    @Test
    void listenersJoinedWithAndThenHearEachChangeInOrderAndNoneHearsNothing() {
        var heard = new ArrayList<String>();
        Escalation escalation = anEscalation().build();
        AfterWrite first = change -> heard.add("first " + change.escalation().id() + " " + change.earlierEntries());
        AfterWrite second = change -> heard.add("second " + change.earlierEntries());

        AfterWrite.none().andThen(first).andThen(second).stored(StoredChange.byAction(escalation, 2));

        assertThat(heard).containsExactly("first " + escalation.id() + " 2", "second 2");
    }
}
