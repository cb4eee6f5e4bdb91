// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.persist;

import java.util.Objects;

/**
 * Which view instance was loaded and at which version, for an optimistic update.
 *
 * @param viewInstanceId the view's id (the aggregate id for a {@link GenericQuery})
 * @param version the stored version, 0 when the view is not stored yet
 */
public record ViewContext(String viewInstanceId, long version) {

    /**
     * Validates the fields.
     *
     * @param viewInstanceId the id
     * @param version the version, 0 or more
     */
    public ViewContext {
        Objects.requireNonNull(viewInstanceId, "viewInstanceId");
        if (version < 0) {
            throw new IllegalArgumentException("view " + viewInstanceId + ": version must not be negative but was " + version);
        }
    }

    /**
     * The context of a view that is not stored yet.
     *
     * @param viewInstanceId the id
     * @return version 0 of that view
     */
    public static ViewContext newView(String viewInstanceId) {
        return new ViewContext(viewInstanceId, 0);
    }
}
