// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jdbc;

import java.util.regex.Pattern;

/** The one rule for table names: a plain identifier, optionally schema-qualified; never quoted, never escaped. */
final class TableNames {

    private static final Pattern IDENTIFIER = Pattern.compile(
            "[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");

    private TableNames() {
    }

    /**
     * Returns {@code name} if it is a plain identifier.
     *
     * @throws IllegalArgumentException naming the table's role and the rule
     */
    static String check(String role, String name) {
        if (name == null) {
            throw new IllegalArgumentException(role + " table name must not be null");
        }
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException(role + " table name '" + name + "' is not a plain identifier:"
                    + " use letters, digits and underscores (not starting with a digit, at most 63),"
                    + " optionally prefixed by a schema name and a dot, such as 'events' or 'bank.events'");
        }
        return name;
    }
}
