// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.persist;

/**
 * How a view becomes JSON text and back, for view repositories that store JSON.
 *
 * @param <V> the view type
 */
public interface ViewSerializer<V> {

    /**
     * The view as JSON.
     *
     * @param view the view
     * @return the JSON text
     */
    String serialize(V view);

    /**
     * The view a stored JSON text holds.
     *
     * @param json the JSON text
     * @return the view
     */
    V deserialize(String json);
}
