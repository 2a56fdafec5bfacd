package dev.escalator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EscalationIdTest {

    @ParameterizedTest(name = "\"{0}\" is ESC-{1}")
    @CsvSource(delimiter = '|', textBlock = """
            ESC-12                | 12
            esc-12                | 12
            Esc-12                | 12
            ESC12                 | 12
            12                    | 12
            ' ESC-7 '             | 7
            ESC-007               | 7
            ESC-1                 | 1
            ESC-999999999999999999 | 999999999999999999
            """)
    void readsTheWaysUsersWriteAnId(String text, long number) {
        assertThat(EscalationId.parse(text)).contains(new EscalationId(number));
    }

    @ParameterizedTest(name = "\"{0}\" is no id")
    @ValueSource(
            strings = {
                "",
                "  ",
                "ESC",
                "ESC-",
                "ESC-0",
                "0",
                "ESC--5",
                "-5",
                "ESC-1.5",
                "ESC 12",
                "ESC-12a",
                "#12",
                "ABC-12",
                "ESC-1 ESC-2",
                "ESC-9999999999999999999",
                "99999999999999999999999999999",
                "ESC-١٢"
            })
    void anythingElseIsEmptyNotAnException(String text) {
        assertThat(EscalationId.parse(text)).isEmpty();
    }

    @Test
    void isWrittenAsUsersTypeIt() {
        assertThat(new EscalationId(42)).hasToString("ESC-42");
        assertThat(EscalationId.parse(new EscalationId(42).toString())).contains(new EscalationId(42));
    }

    @Test
    void numbersStartAtOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> new EscalationId(0));
    }
}
