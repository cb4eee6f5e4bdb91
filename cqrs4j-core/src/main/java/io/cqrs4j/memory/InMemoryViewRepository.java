// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.memory;

import io.cqrs4j.AggregateConflictException;
import io.cqrs4j.persist.StoredView;
import io.cqrs4j.persist.ViewContext;
import io.cqrs4j.persist.ViewRepository;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ViewRepository} in memory, with the same version checks as the database ones.
 *
 * @param <V> the view type
 */
public final class InMemoryViewRepository<V> implements ViewRepository<V> {

    private final ConcurrentHashMap<String, StoredView<V>> views = new ConcurrentHashMap<>();

    private InMemoryViewRepository() {
    }

    /**
     * An empty repository.
     *
     * @param <V> the view type
     * @return the repository
     */
    public static <V> InMemoryViewRepository<V> create() {
        return new InMemoryViewRepository<>();
    }

    @Override
    public Optional<StoredView<V>> loadWithContext(String viewId) {
        return Optional.ofNullable(views.get(viewId));
    }

    @Override
    public void updateView(V view, ViewContext context) {
        Objects.requireNonNull(view, "view");
        var next = new StoredView<>(view, new ViewContext(context.viewInstanceId(), context.version() + 1));
        views.compute(context.viewInstanceId(), (id, stored) -> {
            long storedVersion = stored == null ? 0 : stored.context().version();
            if (storedVersion != context.version()) {
                throw new AggregateConflictException("view " + id + ": expected version " + context.version()
                        + " but the store has " + storedVersion + " (a concurrent update won); reload and retry", null);
            }
            return next;
        });
    }
}
