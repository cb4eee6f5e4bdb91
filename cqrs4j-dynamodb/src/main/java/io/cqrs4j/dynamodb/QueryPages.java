// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.dynamodb;

import io.cqrs4j.CqrsException;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The items of a Query, page after page: each page is fetched when the previous one is used up,
 * following {@code LastEvaluatedKey} until DynamoDB gives none, so nothing is cut off at the 1 MB
 * page limit and at most one page is held in memory. A failed page is thrown, never taken for the
 * end, and not retried beyond the SDK's bounded retries.
 */
final class QueryPages extends Spliterators.AbstractSpliterator<Map<String, AttributeValue>> {

    private final DynamoDbClient client;
    private final Function<SdkException, CqrsException> errors;
    private QueryRequest next;
    private Iterator<Map<String, AttributeValue>> page = Collections.emptyIterator();
    private CqrsException failure;

    private QueryPages(DynamoDbClient client, QueryRequest first, Function<SdkException, CqrsException> errors) {
        super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
        this.client = client;
        this.next = first;
        this.errors = errors;
    }

    /**
     * The items of {@code request} and of every page after it, read lazily.
     *
     * @param client the client
     * @param request the first page's request
     * @param errors what a failed page becomes
     * @return the items, in DynamoDB's order
     */
    static Stream<Map<String, AttributeValue>> stream(DynamoDbClient client, QueryRequest request,
                                                      Function<SdkException, CqrsException> errors) {
        return StreamSupport.stream(new QueryPages(client, request, errors), false);
    }

    @Override
    public boolean tryAdvance(Consumer<? super Map<String, AttributeValue>> action) {
        while (!page.hasNext()) {
            if (failure != null) {
                throw failure;
            }
            if (next == null) {
                return false;
            }
            fetch();
        }
        action.accept(page.next());
        return true;
    }

    private void fetch() {
        QueryResponse response;
        try {
            response = client.query(next);
        } catch (SdkException e) {
            failure = errors.apply(e);
            throw failure;
        }
        page = response.items().iterator();
        next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? next.toBuilder().exclusiveStartKey(response.lastEvaluatedKey()).build()
                : null;
    }
}
