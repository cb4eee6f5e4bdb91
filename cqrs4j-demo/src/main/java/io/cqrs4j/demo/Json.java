// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The demo's JSON mappers: snake_case names and exact, plain {@code BigDecimal} numbers, as cqrs-demo writes them. */
final class Json {

    /** The deepest a command body may nest; a command nests two levels, {@code {"DepositMoney":{"amount":1}}}. */
    static final int MAX_COMMAND_DEPTH = 16;
    /** The most characters one number in a command body may have; a valid amount has at most 29 digits and a point. */
    static final int MAX_NUMBER_LENGTH = 100;

    /** Configured once, never changed afterwards, so it is safe to share. */
    static final ObjectMapper MAPPER = configure(JsonMapper.builder()).build();

    /**
     * Reads command bodies: {@link #MAPPER}'s settings under tight limits on nesting and number
     * length, so a hostile body fails fast with a clear message instead of costing stack or CPU.
     */
    static final ObjectMapper COMMANDS = configure(JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_COMMAND_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .build())
            .build())).build();

    private Json() {
    }

    private static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        return builder
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN);
    }
}
