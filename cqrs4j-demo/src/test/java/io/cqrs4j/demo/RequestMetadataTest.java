// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The X-Request-Id stored with every event: 1 to 200 printable ASCII characters, or none. */
class RequestMetadataTest {

    @Test
    void a_short_printable_id_or_none_is_kept() {
        assertThat(RequestMetadata.checkedRequestId("req-42 ' OR 1=1 --")).isEqualTo("req-42 ' OR 1=1 --");
        assertThat(RequestMetadata.checkedRequestId(null)).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'   '         | X-Request-Id must be 1 to 200 characters but was 3 characters long",
            "a\u0001b      | X-Request-Id must be printable ASCII (space to ~) but has U+0001 at position 1",
            "caf\u00e9     | but has U+00E9 at position 3",
            "x\u007f       | but has U+007F at position 1",
    })
    void a_blank_or_non_ascii_id_is_a_400_naming_the_character(String requestId, String detail) {
        assertThatThrownBy(() -> RequestMetadata.checkedRequestId(requestId))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining(detail);
    }

    @Test
    void an_id_over_200_characters_is_a_400() {
        assertThatThrownBy(() -> RequestMetadata.checkedRequestId("r".repeat(201)))
                .hasMessage("X-Request-Id must be 1 to 200 characters but was 201 characters long; send a short id or none");
    }
}
