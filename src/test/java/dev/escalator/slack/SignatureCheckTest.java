package dev.escalator.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.app_backend.SlackSignature;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The signature {@link SignatureCheck} computes itself is the one Slack documents and the SDK's generator makes, for
 * any body; and a request is taken only with that signature and a timestamp within five minutes of now.
 */
class SignatureCheckTest {
    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final long NOW = 1_700_000_000_000L;
    static final String TIMESTAMP = Long.toString(NOW / 1000);

    final SignatureCheck check = new SignatureCheck(SECRET);
    final SlackSignature.Generator sdk = new SlackSignature.Generator(SECRET);

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "token=x&team_id=T0TEAM&command=%2Fescalate&text=ack+ESC-1",
                "{\"type\":\"event_callback\",\"event\":{\"type\":\"reaction_added\",\"reaction\":\"eyes\"}}",
                "payload=%7B%22type%22%3A%22block_actions%22%7D",
                "text=Caf\u00e9 \u2615 \ud83d\udc40 Stra\u00dfe",
                "''"
            })
    void theSignatureIsSlacksAsTheSdkMakesIt(String body) {
        assertThat(check.signature(TIMESTAMP, body)).isEqualTo(sdk.generate(TIMESTAMP, body));
        assertThat(check.isValid(TIMESTAMP, body, sdk.generate(TIMESTAMP, body), NOW))
                .isTrue();
    }

    @Test
    void aSignatureOffByOneCharacterOrOfAnotherBodyIsRefused() {
        String body = "token=x&text=ack+ESC-1";
        String signed = sdk.generate(TIMESTAMP, body);
        char last = signed.charAt(signed.length() - 1);
        String offByOne = signed.substring(0, signed.length() - 1) + (last == '0' ? '1' : '0');

        assertThat(check.isValid(TIMESTAMP, body, offByOne, NOW)).isFalse();
        assertThat(check.isValid(TIMESTAMP, body + "x", signed, NOW)).isFalse();
        assertThat(check.isValid(TIMESTAMP, body, signed.toUpperCase(java.util.Locale.ROOT), NOW))
                .isFalse();
        assertThat(check.isValid(TIMESTAMP, body, null, NOW)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"-301, false", "-299, true", "299, true", "301, false"})
    void theTimestampMustBeWithinFiveMinutesOfNowEitherWay(long offsetSeconds, boolean taken) {
        String body = "token=x&text=status+ESC-1";
        String timestamp = Long.toString(NOW / 1000 + offsetSeconds);

        assertThat(check.isValid(timestamp, body, sdk.generate(timestamp, body), NOW))
                .isEqualTo(taken);
    }

    @Test
    void requestsCheckedAtOnceOnManyThreadsEachGetTheirOwnSignature() throws Exception {
        var checks = new ArrayList<Callable<Boolean>>();
        for (int i = 0; i < 2_000; i++) {
            String body = "token=x&text=ack+ESC-" + i;
            checks.add(() -> check.signature(TIMESTAMP, body).equals(sdk.generate(TIMESTAMP, body)));
        }
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (Future<Boolean> same : pool.invokeAll(checks)) {
                assertThat(same.get()).isTrue();
            }
        }
    }
}
