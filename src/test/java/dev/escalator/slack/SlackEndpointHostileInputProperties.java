package dev.escalator.slack;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.escalator.core.EscalationQuery;
import dev.escalator.http.HttpService;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.slf4j.LoggerFactory;

/**
 * Whatever arrives signed at {@code POST /slack/events} (broken form encoding, random or huge text, control
 * characters, JSON of the wrong types, fields left out): the endpoint answers 2xx or 4xx, never 5xx; no handler fails
 * (nothing logged as an error, also by the work done after the answer); a malformed request stores nothing.
 */
class SlackEndpointHostileInputProperties {
    private static SlackWorld world;
    private static ListAppender<ILoggingEvent> errors;

    @BeforeContainer
    static void start() throws Exception {
        world = new SlackWorld();
        errors = new ListAppender<>();
        errors.start();
        root().addAppender(errors);
    }

    @AfterContainer
    static void stop() throws Exception {
        root().detachAppender(errors);
        world.close();
    }

    @AfterProperty
    void noHandlerFailed() {
        world.settle();
        var logged = List.copyOf(errors.list);
        errors.list.clear();
        assertThat(logged.stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.ERROR)))
                .as("errors logged")
                .isEmpty();
    }

    @Property(tries = 300)
    void aBrokenFormBodyIsAnsweredAndStoresNothing(@ForAll("brokenForms") String body) {
        long before = escalations();

        var answer = world.post(body);

        assertThat(answer.statusCode()).isBetween(200, 499);
        world.settle();
        assertThat(escalations()).isEqualTo(before);
    }

    @Property(tries = 100)
    void aSlashCommandWithoutUserOrChannelIsAnsweredAndStoresNothing(
            @ForAll("mangledCommands") Map<String, String> fields) {
        long before = escalations();

        var answer = world.post(SlackWorld.form(fields));

        assertThat(answer.statusCode()).isBetween(200, 499);
        world.settle();
        assertThat(escalations()).isEqualTo(before);
    }

    @Property(tries = 300)
    void anyTypedTextInAWellFormedCommandGetsAnAnswer(@ForAll("typedText") String text) {
        var answer = world.command(SlackWorld.STRANGER, text);

        assertThat(answer.statusCode()).isEqualTo(200);
    }

    @Property(tries = 300)
    void anEventOfTheWrongShapeIsAnsweredAndStoresNothing(@ForAll("wrongEvents") String json) {
        long before = escalations();

        var answer = json(json);

        assertThat(answer.statusCode()).isBetween(200, 499);
        world.settle();
        assertThat(escalations()).isEqualTo(before);
    }

    @Property(tries = 200)
    void anInteractivityPayloadOfTheWrongShapeIsAnsweredAndStoresNothing(@ForAll("wrongEvents") String payload) {
        long before = escalations();

        var answer = world.post(SlackWorld.form(Map.of("payload", payload)));

        assertThat(answer.statusCode()).isBetween(200, 499);
        world.settle();
        assertThat(escalations()).isEqualTo(before);
    }

    @Property(tries = 10)
    void hugeTextInACommandIsAnswered(@ForAll("hugeText") String text) {
        var answer = world.command(SlackWorld.STRANGER, text);

        assertThat(answer.statusCode()).isEqualTo(200);
    }

    @Example
    void aBodyOverOneMegabyteIsRefusedWith413() {
        String body = SlackWorld.form(Map.of("command", "/escalate", "text", "x".repeat(HttpService.MAX_BODY_BYTES)));

        var answer = world.post(body);

        assertThat(answer.statusCode()).isEqualTo(413);
    }

    // ---- inputs

    @Provide
    Arbitrary<String> brokenForms() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.of(
                        "%",
                        "%z",
                        "%zz",
                        "%E2%82",
                        "%00",
                        "=",
                        "&",
                        "&&",
                        "==",
                        "+",
                        "payload=",
                        "payload=%7B",
                        "command=",
                        "command=/escalate",
                        "text=",
                        "ssl_check=1",
                        "type=url_verification"),
                Arbitraries.strings().ofMaxLength(20),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(4));
        return pieces.list().ofMaxSize(10).map(parts -> String.join("", parts));
    }

    /** A slash command whose user or channel id is left out or blank: Slack always sends both. */
    @Provide
    Arbitrary<Map<String, String>> mangledCommands() {
        return Combinators.combine(
                        Arbitraries.subsetOf("user_id", "channel_id").ofMinSize(1),
                        Arbitraries.of(Optional.<String>empty(), Optional.of(""), Optional.of(" "), Optional.of("\t")),
                        Arbitraries.strings().ofMaxLength(30))
                .as((mangled, value, text) -> {
                    var fields = new LinkedHashMap<String, String>();
                    fields.put("token", "legacy");
                    fields.put("team_id", "T0TEAM");
                    fields.put("channel_id", SlackWorld.CHANNEL);
                    fields.put("user_id", SlackWorld.REPORTER);
                    fields.put("command", "/escalate");
                    fields.put("text", "Checkout is failing " + text);
                    fields.put("response_url", world.api.responseUrl("mangled"));
                    for (String field : mangled) {
                        value.ifPresentOrElse(blank -> fields.put(field, blank), () -> fields.remove(field));
                    }
                    return fields;
                });
    }

    @Provide
    Arbitrary<String> typedText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(200),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(20),
                Arbitraries.of("ack", "status", "resolve", "up", "note", "snooze", "list", "stats", "timeline")
                        .flatMap(word -> Arbitraries.strings().ofMaxLength(40).map(rest -> word + " " + rest)));
    }

    @Provide
    Arbitrary<String> hugeText() {
        // percent-encoded, up to 6 bytes a character: under the 1 MB limit, which has its own example below
        return Arbitraries.strings().ofMinLength(20_000).ofMaxLength(80_000);
    }

    /** Event envelopes whose fields are missing or of another JSON type, and JSON that is not an object at all. */
    @Provide
    Arbitrary<String> wrongEvents() {
        Arbitrary<com.google.gson.JsonElement> anyValue = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(JsonPrimitive::new),
                Arbitraries.integers().map(JsonPrimitive::new),
                Arbitraries.of(true, false).map(JsonPrimitive::new),
                Arbitraries.just(com.google.gson.JsonNull.INSTANCE),
                Arbitraries.just(new JsonArray()),
                Arbitraries.just(new JsonObject()));
        var fields = List.of(
                "type",
                "event_id",
                "event",
                "event.type",
                "event.user",
                "event.reaction",
                "event.item",
                "event.item.ts",
                "event.item.channel",
                "team_id",
                "actions",
                "user",
                "view");
        Arbitrary<String> envelopes = Combinators.combine(
                        Arbitraries.subsetOf(fields).ofMinSize(1), anyValue, Arbitraries.of(true, false))
                .as((chosen, value, remove) -> {
                    JsonObject envelope = SlackWorld.reactionEnvelope(
                            SlackWorld.BOB, "1700000000.999999", "eyes", "Ev" + System.nanoTime());
                    for (String field : chosen) {
                        mangle(envelope, field, remove ? Optional.empty() : Optional.of(value));
                    }
                    return envelope.toString();
                });
        Arbitrary<String> notObjects = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.of("[]", "null", "1", "\"event_callback\"", "{", "{\"type\":", "{}"));
        return Arbitraries.oneOf(envelopes, notObjects);
    }

    private static void mangle(JsonObject root, String path, Optional<com.google.gson.JsonElement> value) {
        String[] names = path.split("\\.");
        JsonObject parent = root;
        for (int i = 0; i < names.length - 1; i++) {
            if (!(parent.get(names[i]) instanceof JsonObject child)) {
                return;
            }
            parent = child;
        }
        String last = names[names.length - 1];
        if (value.isPresent()) {
            parent.add(last, value.get().deepCopy());
        } else {
            parent.remove(last);
        }
    }

    private static HttpResponse<String> json(String body) {
        return world.post(body, "application/json", Map.of(), Instant.now());
    }

    private static long escalations() {
        return world.stores
                .escalations()
                .find(EscalationQuery.openedBetween(Instant.EPOCH, Instant.parse("9999-01-01T00:00:00Z"), 10_000))
                .size();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
