// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jdbc;

import java.util.regex.Pattern;

/** The one rule for table names: a plain identifier, optionally schema-qualified; never quoted, never escaped. */
final class TableNames {

    private static final Pattern IDENTIFIER = Pattern.compile(
            "[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");
    private static final Pattern PREFIX = Pattern.compile("([A-Za-z_][A-Za-z0-9_]{0,62}\\.)?([A-Za-z_][A-Za-z0-9_]*)?");

    /**
     * The longest name the schema scripts derive from the events table's: its index
     * {@code <events>_global_position}. PostgreSQL cuts identifiers at 63 characters and MySQL
     * refuses them beyond 64, so the events table's own part may have at most 63 - 16.
     */
    static final int EVENTS_NAME_MAX = 63 - "_global_position".length();

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

    /**
     * Returns {@code name} if it is a plain identifier whose table part leaves room for the names
     * derived from it ({@link #EVENTS_NAME_MAX}).
     *
     * @throws IllegalArgumentException naming the rule
     */
    static String checkEvents(String name) {
        check("events", name);
        String table = name.substring(name.indexOf('.') + 1);
        if (table.length() > EVENTS_NAME_MAX) {
            throw new IllegalArgumentException("events table name '" + name + "' is too long: the table part has "
                    + table.length() + " characters and may have at most " + EVENTS_NAME_MAX + ", so that the index"
                    + " and helper tables named after it ('" + table + "_global_position') stay within 63");
        }
        return name;
    }

    /**
     * Returns {@code prefix} if it can start a table name: a schema and a dot, the start of an
     * identifier, both, or nothing.
     *
     * @throws IllegalArgumentException naming the prefix and the rule
     */
    static String checkPrefix(String prefix) {
        if (prefix == null) {
            throw new IllegalArgumentException("table prefix must not be null; use \"\" for none");
        }
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("table prefix '" + prefix + "' cannot start a plain identifier: use"
                    + " letters, digits and underscores (not starting with a digit), optionally after a schema"
                    + " name and a dot, such as 'bank_' or 'bank.'");
        }
        return prefix;
    }
}
