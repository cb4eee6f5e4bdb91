// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Captures what one {@link System.Logger} writes, where the platform backs it with
 * {@code java.util.logging} (the default when that module is present). Core reads
 * {@code java.base} only, so the backend is reached by reflection, through a logger filter that
 * records each record and lets it through.
 */
final class LogCapture implements AutoCloseable {

    /**
     * One captured record.
     *
     * @param level the level's name, e.g. {@code SEVERE}
     * @param message the message
     * @param thrown the attached exception, or null
     */
    record Entry(String level, String message, Throwable thrown) {
    }

    private final Object logger;
    private final Method setFilter;
    private final Object previousFilter;
    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    private LogCapture(String loggerName) throws ReflectiveOperationException {
        Class<?> loggerClass = Class.forName("java.util.logging.Logger");
        Class<?> filterClass = Class.forName("java.util.logging.Filter");
        logger = loggerClass.getMethod("getLogger", String.class).invoke(null, loggerName);
        setFilter = loggerClass.getMethod("setFilter", filterClass);
        previousFilter = loggerClass.getMethod("getFilter").invoke(logger);
        Object filter = Proxy.newProxyInstance(LogCapture.class.getClassLoader(), new Class<?>[] {filterClass},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isLoggable" -> record(args[0]);
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> "LogCapture filter";
                });
        setFilter.invoke(logger, filter);
    }

    /**
     * Starts capturing the logger of {@code loggerName}.
     *
     * @param loggerName the logger's name
     * @return the capture; close it to stop
     * @throws ReflectiveOperationException when the platform's logging backend is not java.util.logging
     */
    static LogCapture of(String loggerName) throws ReflectiveOperationException {
        return new LogCapture(loggerName);
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }

    private boolean record(Object logRecord) throws ReflectiveOperationException {
        Class<?> type = logRecord.getClass();
        entries.add(new Entry(type.getMethod("getLevel").invoke(logRecord).toString(),
                (String) type.getMethod("getMessage").invoke(logRecord),
                (Throwable) type.getMethod("getThrown").invoke(logRecord)));
        return true;
    }

    @Override
    public void close() throws ReflectiveOperationException {
        setFilter.invoke(logger, previousFilter);
    }
}
