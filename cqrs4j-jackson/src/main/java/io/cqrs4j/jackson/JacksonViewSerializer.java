// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jackson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cqrs4j.DeserializationException;
import io.cqrs4j.UnexpectedException;
import io.cqrs4j.persist.ViewSerializer;
import java.util.Objects;

/**
 * A {@link ViewSerializer} on Jackson: a view (a record or a bean-style class) as a plain JSON
 * object, with snake_case field names by default, as cqrs-es views are stored.
 *
 * {@snippet :
 * ViewSerializer<BankAccountView> views = JacksonViewSerializer.of(BankAccountView.class);
 * }
 *
 * <p>Thread-safe. Stored JSON that does not read as the view throws
 * {@link DeserializationException}; a view that cannot be written throws {@link UnexpectedException}.
 *
 * @param <V> the view type
 */
public final class JacksonViewSerializer<V> implements ViewSerializer<V> {

    private final Class<V> viewClass;
    private final ObjectMapper mapper;

    private JacksonViewSerializer(Class<V> viewClass, ObjectMapper mapper) {
        this.viewClass = Objects.requireNonNull(viewClass, "viewClass");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * A serializer of {@code viewClass} with the default mapper ({@link JacksonEventSerializer#defaultObjectMapper()}).
     *
     * @param viewClass the view's class
     * @param <V> the view type
     * @return the serializer
     */
    public static <V> JacksonViewSerializer<V> of(Class<V> viewClass) {
        return new JacksonViewSerializer<>(viewClass, JsonSupport.defaultMapper());
    }

    /**
     * A serializer of {@code viewClass} with a mapper of your own, which must not be reconfigured afterwards.
     *
     * @param viewClass the view's class
     * @param mapper the mapper
     * @param <V> the view type
     * @return the serializer
     */
    public static <V> JacksonViewSerializer<V> of(Class<V> viewClass, ObjectMapper mapper) {
        return new JacksonViewSerializer<>(viewClass, mapper);
    }

    @Override
    public String serialize(V view) {
        try {
            return mapper.writeValueAsString(Objects.requireNonNull(view, "view"));
        } catch (JsonProcessingException e) {
            throw new UnexpectedException("view " + viewClass.getName() + " does not serialize: "
                    + JsonSupport.reason(e), e);
        }
    }

    @Override
    public V deserialize(String json) {
        V view;
        try {
            view = mapper.readValue(json, viewClass);
        } catch (JsonProcessingException e) {
            throw new DeserializationException("stored view is not a valid " + viewClass.getName() + ": "
                    + JsonSupport.reason(e) + "; fix the view class or rebuild the view with a replay", e);
        }
        if (view == null) {
            throw new DeserializationException("stored view is null; expected a " + viewClass.getName() + " object", null);
        }
        return view;
    }
}
