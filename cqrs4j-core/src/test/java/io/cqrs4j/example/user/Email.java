// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.example.user;

import java.util.regex.Pattern;

/**
 * An email address of the form {@code local@domain.tld}, at most 254 characters.
 *
 * @param value the address
 */
public record Email(String value) {

    private static final Pattern VALID = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

    /**
     * Validates the address.
     *
     * @param value the address
     * @throws IllegalArgumentException naming the value when it is not an address
     */
    public Email {
        if (value == null || value.length() > 254 || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("email " + UserId.quoted(value)
                    + " is invalid: expected an address like name@example.com");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
