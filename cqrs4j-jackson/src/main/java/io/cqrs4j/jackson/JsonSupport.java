// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jackson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The default mapper and the wording of JSON errors, shared by the serializers. */
final class JsonSupport {

    /** Shared for trees only (upcasts); it is configured once and never changed. */
    static final ObjectMapper TREES = defaultMapper();

    private JsonSupport() {
    }

    /**
     * A mapper configured like serde_json with cqrs-es's defaults: snake_case names, unknown
     * fields ignored, missing fields and nulls for primitives refused, {@code BigDecimal} exact and
     * plain, {@code java.time} as ISO-8601 strings.
     */
    static ObjectMapper defaultMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .build();
    }

    /** Jackson's reason without its source excerpt, plus the JSON path where it has one. */
    static String reason(JsonProcessingException e) {
        if (e instanceof MismatchedInputException missing && !missing.getPath().isEmpty()
                && missing.getOriginalMessage().startsWith("Missing creator property")) {
            return "field '" + missing.getPath().getLast().getFieldName() + "' is missing"
                    + " (an upcaster can add it to events of an older shape)";
        }
        String message = e.getOriginalMessage();
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            message += " (at " + mapping.getPathReference() + ")";
        }
        if (e.getLocation() != null) {
            message += " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        }
        return message;
    }

    /** The JSON type of {@code node} in words, for errors. */
    static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "the string " + node;
            case NUMBER -> "the number " + node;
            case BOOLEAN -> "the boolean " + node;
            case NULL, MISSING -> "null";
            case BINARY, POJO -> "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " value";
        };
    }

    /** At most 200 characters of {@code json}, for errors. */
    static String excerpt(String json) {
        return json.length() <= 200 ? json : json.substring(0, 200) + "…";
    }
}
