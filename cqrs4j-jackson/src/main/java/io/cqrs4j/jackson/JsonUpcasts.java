// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jackson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Adapters that let a {@link io.cqrs4j.persist.SemanticVersionEventUpcaster} rewrite a payload as
 * a JSON tree instead of text. Numbers keep their exact value and scale.
 *
 * {@snippet :
 * var addState = SemanticVersionEventUpcaster.of("UpdateAddress", "0.3.0",
 *         JsonUpcasts.onFields(fields -> fields.put("state", "WA")));
 * }
 */
public final class JsonUpcasts {

    private JsonUpcasts() {
    }

    /**
     * An upcast of the whole payload object, {@code {"UpdateAddress":{...}}}: it may also rename
     * the tag. The function may change the node it is given and return it.
     *
     * @param upcast turns the old payload object into the new one
     * @return a payload function for {@link io.cqrs4j.persist.SemanticVersionEventUpcaster#of}
     */
    public static UnaryOperator<String> onObject(UnaryOperator<ObjectNode> upcast) {
        Objects.requireNonNull(upcast, "upcast");
        return payload -> write(Objects.requireNonNull(upcast.apply(readObject(payload)),
                "the upcast function returned null; return the payload object"));
    }

    /**
     * An upcast of the event's fields, the object under the payload's one key; the key stays. The
     * function may change the node it is given and return it.
     *
     * @param upcast turns the old fields into the new ones
     * @return a payload function for {@link io.cqrs4j.persist.SemanticVersionEventUpcaster#of}
     */
    public static UnaryOperator<String> onFields(UnaryOperator<ObjectNode> upcast) {
        Objects.requireNonNull(upcast, "upcast");
        return onObject(payload -> {
            if (payload.size() != 1) {
                throw new IllegalArgumentException("payload must have exactly one key, the event type, but has "
                        + payload.size() + ": " + JsonSupport.excerpt(payload.toString()));
            }
            Map.Entry<String, JsonNode> only = payload.properties().iterator().next();
            if (!only.getValue().isObject()) {
                throw new IllegalArgumentException("the fields of event '" + only.getKey() + "' must be an object but are "
                        + JsonSupport.describe(only.getValue()));
            }
            ObjectNode fields = Objects.requireNonNull(upcast.apply((ObjectNode) only.getValue()),
                    "the upcast function returned null; return the fields object");
            payload.set(only.getKey(), fields);
            return payload;
        });
    }

    private static ObjectNode readObject(String payload) {
        JsonNode tree;
        try {
            tree = JsonSupport.TREES.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("payload is not valid JSON: " + JsonSupport.reason(e), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException("payload must be a JSON object but is "
                    + (tree == null ? "empty" : JsonSupport.describe(tree)));
        }
        return (ObjectNode) tree;
    }

    private static String write(ObjectNode payload) {
        try {
            return JsonSupport.TREES.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("upcast payload does not serialize: " + JsonSupport.reason(e), e);
        }
    }
}
