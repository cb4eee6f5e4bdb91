// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.persist;

import java.util.Optional;

/**
 * Stores views by id, each with a version for optimistic updates. Thread-safe.
 *
 * @param <V> the view type
 */
public interface ViewRepository<V> {

    /**
     * Loads a view.
     *
     * @param viewId the view's id
     * @return the view, or empty when none is stored
     */
    default Optional<V> load(String viewId) {
        return loadWithContext(viewId).map(StoredView::view);
    }

    /**
     * Loads a view with its version.
     *
     * @param viewId the view's id
     * @return the view and its context, or empty when none is stored
     */
    Optional<StoredView<V>> loadWithContext(String viewId);

    /**
     * Stores {@code view} as version {@code context.version() + 1}, only if the stored version is
     * still {@code context.version()} (0: none stored).
     *
     * @param view the new view
     * @param context what was loaded
     * @throws io.cqrs4j.AggregateConflictException when the stored version moved on (a stale update)
     */
    void updateView(V view, ViewContext context);
}
