// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The detail of a request Jetty refuses before any route: its reason and what to send instead, never its internals. */
class ProblemsTest {

    @Test
    void a_refusal_keeps_jettys_reason_and_says_what_to_send() {
        String detail = Problems.refused(400, "Illegal Path Character");

        assertThat(detail).isEqualTo("HTTP 400 (Illegal Path Character): the request line or path is malformed; send GET or POST"
                + " to /account/{id}, where the id is 1 to 128 characters of A-Z a-z 0-9 . _ : -");
    }

    @Test
    void a_refusal_for_a_long_uri_or_large_headers_names_the_limit() {
        assertThat(Problems.refused(414, "URI Too Long")).endsWith("an account id is at most 128 characters");
        assertThat(Problems.refused(431, null)).startsWith("HTTP 431 (Request Header Fields Too Large): ");
    }

    @Test
    void a_reason_that_names_java_classes_is_replaced_by_the_status_text() {
        String detail = Problems.refused(400, "org.eclipse.jetty.http.BadMessageException: 400: bad");

        assertThat(detail).startsWith("HTTP 400 (Bad Request): ").doesNotContain("Exception", "org.");
    }
}
