// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jackson;

import io.cqrs4j.Aggregate;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The event classes of one aggregate: its event type, read from its {@code Aggregate<C, E, S>}
 * type argument, and the concrete classes that the sealed event type permits, keyed by simple name
 * (the tag cqrs-es writes, and the default {@link io.cqrs4j.DomainEvent#eventType()}).
 */
final class EventTypes {

    private final Class<?> eventClass;
    private final Map<String, Class<?>> byTag;
    private final Map<Class<?>, String> byClass;

    private EventTypes(Class<?> eventClass, Map<String, Class<?>> byTag) {
        this.eventClass = eventClass;
        this.byTag = Map.copyOf(byTag);
        var reverse = new HashMap<Class<?>, String>();
        byTag.forEach((tag, type) -> reverse.put(type, tag));
        this.byClass = Map.copyOf(reverse);
    }

    /** The event classes of {@code aggregateClass}, or an error saying what to change. */
    static EventTypes of(Class<?> aggregateClass) {
        Class<?> eventClass = eventClassOf(aggregateClass);
        var byTag = new LinkedHashMap<String, Class<?>>();
        collect(eventClass, eventClass, byTag);
        if (byTag.isEmpty()) {
            throw new IllegalArgumentException("event type " + eventClass.getName() + " of "
                    + aggregateClass.getName() + " permits no concrete event class; add records to it");
        }
        return new EventTypes(eventClass, byTag);
    }

    Class<?> eventClass() {
        return eventClass;
    }

    /** The class written under {@code tag}, or null. */
    Class<?> classOf(String tag) {
        return byTag.get(tag);
    }

    /** The tag of {@code type}, or an error naming the known classes. */
    String tagOf(Class<?> type) {
        String tag = byClass.get(type);
        if (tag == null) {
            throw new IllegalArgumentException(type.getName() + " is not one of the event classes that "
                    + eventClass.getName() + " permits " + tags() + "; events must be records it permits");
        }
        return tag;
    }

    /** The known tags, sorted. */
    Set<String> tags() {
        return new TreeSet<>(byTag.keySet());
    }

    private static void collect(Class<?> root, Class<?> type, Map<String, Class<?>> byTag) {
        boolean concrete = !type.isInterface() && !Modifier.isAbstract(type.getModifiers());
        if (concrete) {
            Class<?> previous = byTag.putIfAbsent(type.getSimpleName(), type);
            if (previous != null && previous != type) {
                throw new IllegalArgumentException("event classes " + previous.getName() + " and " + type.getName()
                        + " under " + root.getName() + " share the simple name '" + type.getSimpleName()
                        + "', which is the tag written in the payload; rename one");
            }
        }
        if (type.isSealed()) {
            for (Class<?> permitted : type.getPermittedSubclasses()) {
                collect(root, permitted, byTag);
            }
        } else if (!concrete) {
            throw new IllegalArgumentException(type.getName() + " (an event type of " + root.getName()
                    + ") is neither sealed nor concrete, so its event classes cannot be listed; make it a sealed"
                    + " interface that permits the event records");
        } else if (!Modifier.isFinal(type.getModifiers()) && !type.isRecord() && !type.isEnum()) {
            throw new IllegalArgumentException("event class " + type.getName() + " under " + root.getName()
                    + " is not final, so subclasses of it could not be told apart; make it a record or final");
        }
    }

    /** Resolves E of {@code Aggregate<C, E, S>} through generic interfaces and superclasses. */
    private static Class<?> eventClassOf(Class<?> aggregateClass) {
        Type resolved = find(aggregateClass, Map.of());
        if (resolved == null) {
            throw new IllegalArgumentException(aggregateClass.getName() + " does not declare the type arguments of "
                    + "Aggregate<C, E, S>; implement Aggregate<YourCommand, YourEvent, YourServices>");
        }
        if (resolved instanceof Class<?> type) {
            return type;
        }
        if (resolved instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        throw new IllegalArgumentException("the event type of " + aggregateClass.getName() + " is " + resolved
                + ", not a class; implement Aggregate with a concrete sealed event interface");
    }

    private static Type find(Type type, Map<TypeVariable<?>, Type> bindings) {
        Class<?> raw;
        Map<TypeVariable<?>, Type> own = Map.of();
        if (type instanceof Class<?> c) {
            raw = c;
        } else if (type instanceof ParameterizedType parameterized) {
            raw = (Class<?>) parameterized.getRawType();
            TypeVariable<?>[] variables = raw.getTypeParameters();
            Type[] arguments = parameterized.getActualTypeArguments();
            var bound = new HashMap<TypeVariable<?>, Type>();
            for (int i = 0; i < variables.length; i++) {
                Type argument = arguments[i];
                bound.put(variables[i], argument instanceof TypeVariable<?> v && bindings.containsKey(v)
                        ? bindings.get(v) : argument);
            }
            if (raw == Aggregate.class) {
                return bound.get(variables[1]);
            }
            own = bound;
        } else {
            return null;
        }
        for (Type parent : raw.getGenericInterfaces()) {
            Type found = find(parent, own);
            if (found != null) {
                return found;
            }
        }
        Type superclass = raw.getGenericSuperclass();
        return superclass == null ? null : find(superclass, own);
    }
}
