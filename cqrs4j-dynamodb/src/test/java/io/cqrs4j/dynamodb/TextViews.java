// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.dynamodb;

import io.cqrs4j.persist.ViewSerializer;

/** Views that are plain text, stored as a JSON string; a text starting with "!" does not deserialize. */
final class TextViews implements ViewSerializer<String> {

    @Override
    public String serialize(String view) {
        return "\"" + view + "\"";
    }

    @Override
    public String deserialize(String json) {
        if (json.length() < 2 || json.charAt(1) == '!') {
            throw new IllegalArgumentException("not a text view: " + json);
        }
        return json.substring(1, json.length() - 1);
    }
}
