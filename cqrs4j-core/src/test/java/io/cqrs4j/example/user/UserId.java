// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.example.user;

import java.util.regex.Pattern;

/**
 * A user's id: 1 to 64 letters, digits, {@code -} or {@code _}.
 *
 * @param value the id
 */
public record UserId(String value) {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /**
     * Validates the id.
     *
     * @param value the id
     * @throws IllegalArgumentException naming the value when it is not a valid id
     */
    public UserId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("user id " + quoted(value)
                    + " is invalid: expected 1 to 64 letters, digits, '-' or '_'");
        }
    }

    static String quoted(String value) {
        return value == null ? "null" : "'" + value + "'";
    }

    @Override
    public String toString() {
        return value;
    }
}
