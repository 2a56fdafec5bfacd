package dev.escalator.demo;

import java.util.Map;
import java.util.Optional;

/**
 * The demo's Slack workspace and the configuration the bot runs with in it: four people, {@code #payments} bound to
 * the path {@code payments} (level 1 bob for 10 seconds, level 2 alice and dave for 30), {@code #payments-leads} as
 * the fallback. Short timeouts, so that one escalation plays out in about half a minute.
 */
final class Workspace {
    static final String CHANNEL = "C0PAY";
    static final String LEADS = "C0LEADS";
    static final String REPORTER = "carol";

    static final String CONFIG = """
            people:
              alice: {slack: U0ALICE}
              bob:   {slack: U0BOB}
              carol: {slack: U0CAROL}
              dave:  {slack: U0DAVE}
            paths:
              payments:
                levels:
                  - {notify: [bob], ack_timeout: 10s}
                  - {notify: [alice, dave], ack_timeout: 30s}
                repeat: 0
                fallback: {slack: C0LEADS}
            channels:
              - {slack: C0PAY, path: payments}
            admins: [alice]
            """;

    private static final Map<String, String> PEOPLE =
            Map.of("alice", "U0ALICE", "bob", "U0BOB", "carol", "U0CAROL", "dave", "U0DAVE");
    private static final Map<String, String> CHANNELS = Map.of(CHANNEL, "payments", LEADS, "payments-leads");

    private Workspace() {}

    /** The Slack user id of a person of the workspace, by name. */
    static Optional<String> userId(String name) {
        return Optional.ofNullable(PEOPLE.get(name));
    }

    /** The name of the person with a Slack user id, or the id itself for someone the workspace does not know. */
    static String name(String userId) {
        if (userId.equals(FakeSlack.BOT_USER_ID)) {
            return "Escalator";
        }
        return PEOPLE.entrySet().stream()
                .filter(person -> person.getValue().equals(userId))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(userId);
    }

    static String channelName(String channelId) {
        return CHANNELS.getOrDefault(channelId, channelId);
    }

    static String people() {
        return String.join(", ", PEOPLE.keySet().stream().sorted().toList());
    }
}
