// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.projection;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Collects what the projection runner's {@link System.Logger} writes, as {@code LEVEL message}
 * lines, where the platform backs it with {@code java.util.logging} (the default). Core reads
 * {@code java.base} only, so that backend is reached by reflection, through a filter that records
 * each record and lets it through.
 */
final class LogLines implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Object logger;
    private final Method setFilter;
    private final Object previous;

    LogLines() throws ReflectiveOperationException {
        Class<?> loggerType = Class.forName("java.util.logging.Logger");
        Class<?> filterType = Class.forName("java.util.logging.Filter");
        logger = loggerType.getMethod("getLogger", String.class).invoke(null, ProjectionRunner.class.getName());
        setFilter = loggerType.getMethod("setFilter", filterType);
        previous = loggerType.getMethod("getFilter").invoke(logger);
        setFilter.invoke(logger, Proxy.newProxyInstance(LogLines.class.getClassLoader(), new Class<?>[] {filterType},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isLoggable" -> {
                        Object record = args[0];
                        lines.add(record.getClass().getMethod("getLevel").invoke(record) + " "
                                + record.getClass().getMethod("getMessage").invoke(record));
                        yield true;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> "LogLines filter";
                }));
    }

    /** The lines that start with {@code level}, e.g. {@code WARNING}. */
    List<String> at(String level) {
        return lines.stream().filter(line -> line.startsWith(level + " ")).toList();
    }

    @Override
    public void close() throws ReflectiveOperationException {
        setFilter.invoke(logger, previous);
    }
}
