// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.persist;

import java.util.Objects;

/**
 * A view as a repository loaded it, with the context to update it against.
 *
 * @param view the view
 * @param context its id and stored version
 * @param <V> the view type
 */
public record StoredView<V>(V view, ViewContext context) {

    /**
     * Validates the fields.
     *
     * @param view the view
     * @param context the context
     */
    public StoredView {
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(context, "context");
    }
}
