// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemSizeTest {

    @Test
    void counts_attribute_names_and_values_in_utf_8_bytes() {
        Map<String, AttributeValue> item = Map.of("Name", AttributeValue.fromS("héllo"),
                "Bytes", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[10])));

        assertThat(ItemSize.of(item)).isEqualTo(4 + 6 + 5 + 10);
    }

    @Test
    void counts_characters_outside_the_basic_plane_as_four_bytes() {
        assertThat(ItemSize.utf8Length("a€😀")).isEqualTo(1 + 3 + 4);
    }

    @Test
    void sizes_numbers_as_base_100_digits_like_dynamodb() {
        assertThat(List.of("0", "1", "12", "123", "1234", "100", "1.2", "0.012", "-1", "3000"))
                .map(ItemSize::numberSize)
                .containsExactly(1L, 2L, 2L, 3L, 3L, 2L, 3L, 3L, 3L, 2L);
    }

    @Test
    void sizes_lists_and_maps_with_their_overhead() {
        AttributeValue list = AttributeValue.fromL(List.of(AttributeValue.fromS("ab"), AttributeValue.fromBool(true)));
        AttributeValue map = AttributeValue.fromM(Map.of("k", AttributeValue.fromS("v")));

        assertThat(ItemSize.of(list)).isEqualTo(3 + (1 + 2) + (1 + 1));
        assertThat(ItemSize.of(map)).isEqualTo(3 + 1 + (1 + 1));
    }
}
