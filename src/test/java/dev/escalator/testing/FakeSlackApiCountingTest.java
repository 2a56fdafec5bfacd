package dev.escalator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FakeSlackApiCountingTest {
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void keepingOnlyCountsAnswersAsBeforeAndKeepsNoCall() throws Exception {
        try (var slack = FakeSlackApi.onNamedThreads(2)) {
            post(slack, "chat.postMessage", "channel=C0PAY&text=root");
            slack.keepOnlyCounts();

            String ephemeral = post(slack, "chat.postEphemeral", "channel=C0PAY&user=U0ALICE&text=done");
            String reply = post(slack, "chat.postMessage", "channel=C0PAY&thread_ts=1.000001&text=reply");

            assertThat(ephemeral).startsWith("{\"ok\":true,\"message_ts\":\"");
            assertThat(reply).contains("\"ok\":true", "\"channel\":\"C0PAY\"");
            assertThat(slack.calls()).extracting(FakeSlackApi.Call::method).containsExactly("chat.postMessage");
            assertThat(slack.callsKept()).isEqualTo(1);
            assertThat(slack.counted()).isEqualTo(Map.of("chat.postEphemeral", 1L, "chat.postMessage", 1L));
        }
    }

    private String post(FakeSlackApi slack, String method, String form) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(slack.methodsUrl() + method))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        var answer = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }
}
