// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * A transaction bound to the current thread for one data source, which the repositories of this
 * module join: while it is bound, every statement they run for that data source on this thread
 * goes through its connection, so a projection's view updates and its checkpoint commit together.
 * A thread-local rather than a scoped value, which Java 21 does not have as a final feature.
 *
 * <p>The joining code sees a connection whose {@code close}, {@code setAutoCommit} and
 * {@code commit} do nothing (the binder commits) and whose {@code rollback} marks the transaction
 * rollback-only.
 */
final class BoundTransaction implements AutoCloseable {

    private static final ThreadLocal<BoundTransaction> CURRENT = new ThreadLocal<>();

    private final DataSource dataSource;
    private final Connection connection;
    private final Connection joined;
    private final BoundTransaction outer;
    private boolean rollbackOnly;

    private BoundTransaction(DataSource dataSource, Connection connection, BoundTransaction outer) {
        this.dataSource = dataSource;
        this.connection = connection;
        this.outer = outer;
        this.joined = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new Joined());
    }

    /**
     * Binds {@code connection}, already in a transaction, to this thread for {@code dataSource}
     * until the returned binding is closed.
     */
    static BoundTransaction bind(DataSource dataSource, Connection connection) {
        var bound = new BoundTransaction(Objects.requireNonNull(dataSource), Objects.requireNonNull(connection),
                CURRENT.get());
        CURRENT.set(bound);
        return bound;
    }

    /** The connection to use for {@code dataSource} on this thread, or null when no transaction is bound for it. */
    static Connection joinable(DataSource dataSource) {
        for (BoundTransaction bound = CURRENT.get(); bound != null; bound = bound.outer) {
            if (bound.dataSource == dataSource) {
                return bound.joined;
            }
        }
        return null;
    }

    /** Whether joining code asked for a rollback. */
    boolean rollbackOnly() {
        return rollbackOnly;
    }

    @Override
    public void close() {
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }

    /** The connection joining code gets. */
    private final class Joined implements InvocationHandler {

        @Override
        public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
            switch (method.getName()) {
                case "close", "setAutoCommit", "commit" -> {
                    return null;
                }
                case "getAutoCommit" -> {
                    return false;
                }
                case "isClosed" -> {
                    return connection.isClosed();
                }
                case "rollback" -> {
                    if (arguments == null || arguments.length == 0) {
                        rollbackOnly = true;
                        return null;
                    }
                }
                case "equals" -> {
                    return proxy == arguments[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "toString" -> {
                    return "joined transaction on " + connection;
                }
                default -> {
                }
            }
            try {
                return method.invoke(connection, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
