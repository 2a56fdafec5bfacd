package dev.escalator.metrics;

import dev.escalator.chat.ChatCalls;
import dev.escalator.core.Platform;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/** {@code escalator_chat_calls_total{platform,call,outcome}}: calls to Slack and Discord by outcome. */
public final class ChatCallCounter implements ChatCalls {
    private final MeterRegistry registry;

    public ChatCallCounter(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void called(Platform platform, String call, Outcome outcome) {
        Counter.builder("escalator.chat.calls")
                .description("Calls to chat platforms by outcome: ok, error, rate_limited (HTTP 429)")
                .tag("platform", platform.name().toLowerCase(Locale.ROOT))
                .tag("call", call)
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(registry)
                .increment();
    }
}
