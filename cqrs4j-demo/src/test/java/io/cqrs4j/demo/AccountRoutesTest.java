// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Content-Type a command must be sent with: application/json once, UTF-8 when a charset is named, uncompressed. */
class AccountRoutesTest {

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "Application/JSON", "application/json; charset=utf-8",
            "application/json;charset=\"UTF-8\"", " application/json ; charset=UTF-8"})
    void json_in_utf_8_is_accepted(String contentType) {
        assertThatCode(() -> AccountRoutes.requireJson(contentType)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "NULL                              | the Content-Type header is missing; send the command as application/json",
            "''                                | the Content-Type header is missing",
            "text/plain                        | the Content-Type is 'text/plain'; send the command as application/json",
            "application/x-www-form-urlencoded | the Content-Type is 'application/x-www-form-urlencoded'",
            "application/json, text/plain      | the Content-Type is 'application/json, text/plain'",
            "application/problem+json          | the Content-Type is 'application/problem+json'",
            "application/json; charset=utf-16  | the Content-Type's charset is 'utf-16'; a command is JSON in UTF-8",
            "application/json; charset         | the Content-Type's charset is ''",
    })
    void anything_else_is_a_415_naming_what_was_sent(String contentType, String detail) {
        assertThatThrownBy(() -> AccountRoutes.requireJson(contentType))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.status()).isEqualTo(415))
                .hasMessageContaining(detail);
    }

    @Test
    void a_type_given_twice_is_a_400_and_a_compressed_body_a_415() {
        assertThatThrownBy(() -> AccountRoutes.requireOneJsonType(List.of("text/plain", "application/json"), null))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessage("Content-Type is given 2 times (text/plain, application/json); send it once: Content-Type: application/json");
        assertThatThrownBy(() -> AccountRoutes.requireOneJsonType(List.of("application/json"), "gzip"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.status()).isEqualTo(415))
                .hasMessageContaining("Content-Encoding 'gzip', which the service does not decode; send the JSON uncompressed");
        assertThatCode(() -> AccountRoutes.requireOneJsonType(List.of("application/json"), "identity")).doesNotThrowAnyException();
    }
}
