// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jdbc;

import io.cqrs4j.persist.SerializedEvent;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Events read page by page (keyset pagination): at most one page is held in memory and no
 * connection is held between pages. A failing page read throws from the stream; the stream never
 * ends early.
 */
final class EventPages implements Iterator<SerializedEvent> {

    /** Reads the page after {@code last}, the last event of the previous page (null at first). */
    @FunctionalInterface
    interface PageReader {
        List<SerializedEvent> read(SerializedEvent last, int pageSize);
    }

    private final PageReader reader;
    private final int pageSize;
    private List<SerializedEvent> page = List.of();
    private int index;
    private SerializedEvent last;
    private boolean exhausted;
    private volatile boolean closed;

    private EventPages(PageReader reader, int pageSize) {
        this.reader = reader;
        this.pageSize = pageSize;
    }

    static Stream<SerializedEvent> stream(PageReader reader, int pageSize) {
        var pages = new EventPages(reader, pageSize);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages,
                Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(() -> pages.closed = true);
    }

    @Override
    public boolean hasNext() {
        if (closed) {
            throw new IllegalStateException("the event stream was closed");
        }
        if (index < page.size()) {
            return true;
        }
        if (exhausted) {
            return false;
        }
        page = reader.read(last, pageSize);
        index = 0;
        exhausted = page.size() < pageSize;
        return !page.isEmpty();
    }

    @Override
    public SerializedEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more events");
        }
        last = page.get(index++);
        return last;
    }
}
