package dev.escalator.alerts;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

/** Reading the fields of an alert payload, naming the field in every complaint. */
final class Json {
    private Json() {}

    static JsonObject object(String body) throws BadAlert {
        try {
            JsonElement parsed = JsonParser.parseString(body);
            if (!parsed.isJsonObject()) {
                throw new BadAlert("body", "expected a JSON object");
            }
            return parsed.getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new BadAlert("body", "not valid JSON");
        }
    }

    static Optional<String> text(JsonObject object, String name, String field) throws BadAlert {
        JsonElement value = object.get(name);
        if (value == null || value.isJsonNull()) {
            return Optional.empty();
        }
        if (!value.isJsonPrimitive()) {
            throw new BadAlert(field, "expected text");
        }
        return Optional.of(value.getAsString()).filter(text -> !text.isBlank());
    }

    static String required(JsonObject object, String name, String field) throws BadAlert {
        return text(object, name, field).orElseThrow(() -> new BadAlert(field, "missing"));
    }

    static Optional<JsonObject> child(JsonObject object, String name, String field) throws BadAlert {
        JsonElement value = object.get(name);
        if (value == null || value.isJsonNull()) {
            return Optional.empty();
        }
        if (!value.isJsonObject()) {
            throw new BadAlert(field, "expected an object");
        }
        return Optional.of(value.getAsJsonObject());
    }

    static List<JsonObject> objects(JsonObject object, String name, String field) throws BadAlert {
        JsonElement value = object.get(name);
        if (value == null || value.isJsonNull()) {
            return List.of();
        }
        if (!value.isJsonArray()) {
            throw new BadAlert(field, "expected a list");
        }
        var items = value.getAsJsonArray();
        for (int i = 0; i < items.size(); i++) {
            if (!items.get(i).isJsonObject()) {
                throw new BadAlert(field + "[" + i + "]", "expected an object");
            }
        }
        return StreamSupport.stream(items.spliterator(), false)
                .map(JsonElement::getAsJsonObject)
                .toList();
    }

    /** A flat object of labels or annotations; nested values are kept as their JSON text. */
    static Map<String, String> strings(JsonObject object, String name, String field) throws BadAlert {
        var found = child(object, name, field);
        var strings = new LinkedHashMap<String, String>();
        found.ifPresent(labels -> labels.entrySet().forEach(entry -> {
            JsonElement value = entry.getValue();
            if (!value.isJsonNull()) {
                strings.put(entry.getKey(), value.isJsonPrimitive() ? value.getAsString() : value.toString());
            }
        }));
        return strings;
    }
}
