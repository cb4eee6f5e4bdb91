// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.example.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValueObjectsTest {

    @ParameterizedTest
    @ValueSource(strings = {"Xxx", "user-1", "a_b", "0"})
    void accepts_user_ids_of_letters_digits_dashes_and_underscores(String value) {
        UserId id = new UserId(value);

        assertThat(id.value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a b", "x@y", "é", "12345678901234567890123456789012345678901234567890123456789012345"})
    void rejects_a_bad_user_id_naming_it(String value) {
        assertThatThrownBy(() -> new UserId(value))

                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("user id '" + value + "' is invalid: expected 1 to 64 letters, digits, '-' or '_'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"xxx@ymgyt.io", "first.last+tag@mail.example.co.jp"})
    void accepts_addresses_with_a_dotted_domain(String value) {
        Email email = new Email(value);

        assertThat(email.value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "@ymgyt.io", "xxx@", "xxx@localhost", "a@b@c.io", "x x@y.io", "xxx@ymgyt."})
    void rejects_a_bad_address_naming_it(String value) {
        assertThatThrownBy(() -> new Email(value))

                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("email '" + value + "' is invalid: expected an address like name@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"user id", "email"})
    void rejects_null_saying_null(String what) {
        Runnable creation = what.equals("email") ? () -> new Email(null) : () -> new UserId(null);

        assertThatThrownBy(creation::run).hasMessageStartingWith(what + " null is invalid");
    }
}
