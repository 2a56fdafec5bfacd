package dev.escalator.chat;

import static dev.escalator.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.config.Config;
import dev.escalator.config.Reactions;
import dev.escalator.core.Transitions;
import dev.escalator.schedule.AfterWrite;
import dev.escalator.schedule.EscalationDesk;
import dev.escalator.store.StoreConnection;
import dev.escalator.store.Stores;
import dev.escalator.testing.Fixtures;
import dev.escalator.testing.InMemoryMongo;
import dev.escalator.testing.TestClock;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A submitted form is checked field by field before anything is stored, so the form can say which field is wrong. */
class FormCheckTest {
    final TestClock clock = new TestClock(T0);
    final InMemoryMongo server = new InMemoryMongo();
    final StoreConnection connection = server.connect();
    final ChatCommands commands;

    FormCheckTest() {
        var stores = Stores.over(connection, clock);
        var config = new Config(Fixtures.payments(), List.of(), Reactions.DEFAULT, Path.of("escalator.yml"));
        var desk =
                new EscalationDesk(stores.escalations(), new Transitions(config.directory()), clock, AfterWrite.none());
        commands = new ChatCommands(config, desk, stores.escalations(), clock);
    }

    @AfterEach
    void stop() {
        connection.close();
        server.close();
    }

    @ParameterizedTest
    @CsvSource({"5, , SEVERITY, Severity is 1", "sev1, , SEVERITY, Severity is 1", "2, tomorrow-ish, DECISION_BY, 4h"})
    void aFieldThatCannotBeUsedIsNamedWithWhatIsAllowed(
            String severity, String decisionBy, FormInput.Field field, String says) {
        var form = form(Optional.ofNullable(severity), Optional.ofNullable(decisionBy));

        Optional<FormProblem> problem = commands.check(form);

        assertThat(problem).map(FormProblem::field).contains(field);
        assertThat(problem.orElseThrow().message()).contains(says);
        assertThat(commands.submit(form, Fixtures.reporter().account(), Fixtures.PAYMENTS_CHANNEL))
                .isEqualTo(new Answer.Text(problem.orElseThrow().message()));
    }

    @Test
    void aFormWithUsableFieldsHasNoProblem() {
        assertThat(commands.check(form(Optional.of("1"), Optional.of("4h")))).isEmpty();
        assertThat(commands.check(form(Optional.empty(), Optional.of("2026-11-24 17:00Z"))))
                .isEmpty();
    }

    private static FormInput form(Optional<String> severity, Optional<String> decisionBy) {
        return new FormInput(
                "Refunds stuck",
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                decisionBy,
                severity,
                Optional.of("payments"));
    }
}
