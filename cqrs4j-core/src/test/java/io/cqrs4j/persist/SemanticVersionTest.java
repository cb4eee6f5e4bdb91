// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SemanticVersionTest {

    @ParameterizedTest
    @CsvSource({
        "2, 2.0.0",
        "2.3, 2.3.0",
        "2.3.4, 2.3.4",
        "2.3.4.5, 2.3.4",
        "' 0.3.0 ', 0.3.0",
        "10.20.30, 10.20.30"})
    void parses_one_to_three_parts_and_ignores_the_rest(String text, String expected) {
        SemanticVersion version = SemanticVersion.parse(text);

        assertThat(version).hasToString(expected);
    }

    @Test
    void parses_into_its_parts() {
        SemanticVersion version = SemanticVersion.parse("1.2.3");

        assertThat(version).isEqualTo(new SemanticVersion(1, 2, 3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "1.x", "1..2", "1.2.", "v1", "-1", "1.-2"})
    void rejects_text_that_is_not_a_version_naming_it(String text) {
        assertThatThrownBy(() -> SemanticVersion.parse(text))

                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a version like 1, 1.2 or 1.2.3");
    }

    @Test
    void rejects_negative_parts() {
        assertThatThrownBy(() -> new SemanticVersion(1, -1, 0))

                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("version parts must not be negative: 1.-1.0");
    }

    @ParameterizedTest
    @CsvSource({
        "1.0.1, 1.0.0",
        "1.1, 1.0.9",
        "2, 1.99.99",
        "0.10, 0.9"})
    void a_greater_version_supersedes_a_smaller_one_part_by_part(String newer, String older) {
        SemanticVersion high = SemanticVersion.parse(newer);
        SemanticVersion low = SemanticVersion.parse(older);

        assertThat(high.supersedes(low)).isTrue();
        assertThat(low.supersedes(high)).isFalse();
        assertThat(high).isGreaterThan(low);
    }

    @Test
    void an_equal_version_does_not_supersede() {
        SemanticVersion version = SemanticVersion.parse("1.2");

        assertThat(version.supersedes(SemanticVersion.parse("1.2.0"))).isFalse();
        assertThat(version.compareTo(SemanticVersion.parse("1.2.0"))).isZero();
    }
}
