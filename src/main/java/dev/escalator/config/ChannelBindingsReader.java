package dev.escalator.config;

import dev.escalator.core.ChannelRef;
import dev.escalator.core.PathId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code channels}: which path each channel's escalations follow. A channel is bound once. */
final class ChannelBindingsReader {
    private static final List<String> KEYS = List.of("slack", "discord", "path");
    private static final String BINDINGS =
            "a list of channel bindings, like [{slack: C0PAY, path: payments}, {discord: \"2222\", path: payments}]";
    private static final String PATH = "the name of a path";

    private ChannelBindingsReader() {}

    static List<BoundChannel> read(YamlField field, List<Reference> references) {
        var bound = new ArrayList<BoundChannel>();
        var firstBinding = new HashMap<ChannelRef, YamlField>();
        for (var item : field.list(BINDINGS).orElse(List.of())) {
            var clean = item.checkpoint();
            item.object(KEYS).ifPresent(binding -> {
                var channel = ChannelRefReader.read(binding);
                channel.ifPresent(ref -> rejectSecondBinding(ref, item, firstBinding));
                var path = binding.required("path", PATH)
                        .flatMap(name -> name.text(PATH).map(text -> {
                            references.add(new Reference(Reference.Kind.PATH, text, name));
                            return new PathId(text);
                        }));
                // a clean read means both the channel and the path above were read
                clean.buildIfClean(() ->
                                new BoundChannel(new ChannelBinding(channel.orElseThrow(), path.orElseThrow()), item))
                        .ifPresent(bound::add);
            });
        }
        return bound;
    }

    private static void rejectSecondBinding(ChannelRef channel, YamlField item, Map<ChannelRef, YamlField> first) {
        var earlier = first.putIfAbsent(channel, item);
        if (earlier != null) {
            item.error("%s channel %s is already bound on line %d (%s); bind each channel once"
                    .formatted(channel.platform().displayName(), channel.channelId(), earlier.line(), earlier.path()));
        }
    }
}
