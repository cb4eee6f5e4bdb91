// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.dynamodb;

import io.cqrs4j.Aggregate;
import io.cqrs4j.DomainEvent;
import io.cqrs4j.persist.EventSerializer;
import io.cqrs4j.persist.PersistedEventRepository;
import io.cqrs4j.persist.PersistedEventStore;
import io.cqrs4j.persist.ViewRepository;
import io.cqrs4j.persist.ViewSerializer;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Event stores and view repositories on DynamoDB, in the item layout of the Rust crate dynamo-es.
 *
 * <p>Events go to the {@code Events} table ({@code AggregateTypeAndId} = {@code "{type}:{id}"}
 * hash, {@code AggregateIdSequence} range, plus the {@code AggregateTypeIndex} index), snapshots to
 * {@code Snapshots}, each view to its own table. Every commit is one {@code TransactWriteItems} with
 * conditional puts; a taken sequence or snapshot version, or an item held by a concurrent
 * transaction, is an {@link io.cqrs4j.AggregateConflictException}. A commit beyond DynamoDB's limits
 * (100 actions counting the snapshot, 400 KB per item, 4 MB in all) is refused before any call.
 * Loads are strongly consistent and follow every page.
 *
 * {@snippet :
 * DynamoDbClient client = DynamoDbCqrs.client("eu-west-1");
 * DynamoDbCqrs.createTables(client);
 * var store = DynamoDbCqrs.snapshotting(client, serializer, 100);
 * var cqrs = CqrsFramework.builder(store).build();
 * }
 */
public final class DynamoDbCqrs {

    /** The events table's default name, as in dynamo-es. */
    public static final String EVENTS_TABLE = "Events";
    /** The snapshots table's default name, as in dynamo-es. */
    public static final String SNAPSHOTS_TABLE = "Snapshots";

    private DynamoDbCqrs() {
    }

    /**
     * A client for DynamoDB in an AWS region, with the default credentials chain (environment,
     * profile, container or instance role) and the JDK's HTTP client.
     *
     * @param region the region, e.g. {@code "eu-west-1"}
     * @return the client; close it when done
     */
    public static DynamoDbClient client(String region) {
        return DynamoDbClient.builder()
                .region(Region.of(Objects.requireNonNull(region, "region")))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /**
     * A client for a DynamoDB-API server at {@code endpoint}, such as DynamoDB Local or dynalite.
     *
     * @param endpoint the server, e.g. {@code http://127.0.0.1:8000}
     * @param region the region to sign requests for
     * @param credentials the credentials; local servers accept any, e.g. {@code StaticCredentialsProvider}
     * @return the client; close it when done
     */
    public static DynamoDbClient client(URI endpoint, String region, AwsCredentialsProvider credentials) {
        return DynamoDbClient.builder()
                .endpointOverride(Objects.requireNonNull(endpoint, "endpoint"))
                .region(Region.of(Objects.requireNonNull(region, "region")))
                .credentialsProvider(Objects.requireNonNull(credentials, "credentials"))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /**
     * The event repository on the default tables {@code Events} and {@code Snapshots}.
     *
     * @param client the client
     * @return the repository
     */
    public static PersistedEventRepository eventRepository(DynamoDbClient client) {
        return eventRepository(client, EVENTS_TABLE, SNAPSHOTS_TABLE);
    }

    /**
     * The event repository on the named tables.
     *
     * @param client the client
     * @param eventsTable the events table
     * @param snapshotsTable the snapshots table
     * @return the repository
     * @throws IllegalArgumentException when a name is not a valid DynamoDB table name
     */
    public static PersistedEventRepository eventRepository(DynamoDbClient client, String eventsTable,
                                                           String snapshotsTable) {
        return new DynamoDbEventRepository(Objects.requireNonNull(client, "client"), eventsTable, snapshotsTable);
    }

    /**
     * An event-sourced store on the default tables: loads fold all events.
     *
     * @param client the client
     * @param serializer the aggregate's serializer
     * @param <A> the aggregate type
     * @param <E> the event type
     * @return the store
     */
    public static <A extends Aggregate<?, E, ?>, E extends DomainEvent> PersistedEventStore<A, E> eventSourced(
            DynamoDbClient client, EventSerializer<A, E> serializer) {
        return PersistedEventStore.eventSourced(eventRepository(client), serializer);
    }

    /**
     * A store on the default tables that snapshots the aggregate every {@code every} events. A
     * commit that writes a snapshot may hold at most 99 events.
     *
     * @param client the client
     * @param serializer the aggregate's serializer
     * @param every the snapshot interval, at least 1
     * @param <A> the aggregate type
     * @param <E> the event type
     * @return the store
     */
    public static <A extends Aggregate<?, E, ?>, E extends DomainEvent> PersistedEventStore<A, E> snapshotting(
            DynamoDbClient client, EventSerializer<A, E> serializer, int every) {
        return PersistedEventStore.snapshotting(eventRepository(client), serializer, every);
    }

    /**
     * A store on the default tables that keeps the current aggregate in {@code Snapshots} and loads
     * only it. Each commit holds at most 99 events, and the aggregate at most 400 KB of JSON.
     *
     * @param client the client
     * @param serializer the aggregate's serializer
     * @param <A> the aggregate type
     * @param <E> the event type
     * @return the store
     */
    public static <A extends Aggregate<?, E, ?>, E extends DomainEvent> PersistedEventStore<A, E> aggregateStore(
            DynamoDbClient client, EventSerializer<A, E> serializer) {
        return PersistedEventStore.aggregateStore(eventRepository(client), serializer);
    }

    /**
     * A view repository on its own table.
     *
     * @param client the client
     * @param table the view's table
     * @param serializer the view's JSON form
     * @param <V> the view type
     * @return the repository
     * @throws IllegalArgumentException when the name is not a valid DynamoDB table name
     */
    public static <V> ViewRepository<V> viewRepository(DynamoDbClient client, String table, ViewSerializer<V> serializer) {
        return new DynamoDbViewRepository<>(Objects.requireNonNull(client, "client"), table, serializer);
    }

    /**
     * Creates the tables {@code Events} (with its index) and {@code Snapshots} where they do not
     * exist, and waits until they are active.
     *
     * @param client the client
     */
    public static void createTables(DynamoDbClient client) {
        createTables(client, EVENTS_TABLE, SNAPSHOTS_TABLE);
    }

    /**
     * Creates the named events table (with its index) and snapshots table where they do not exist,
     * and waits until they are active. Existing tables are left as they are.
     *
     * @param client the client
     * @param eventsTable the events table
     * @param snapshotsTable the snapshots table
     */
    public static void createTables(DynamoDbClient client, String eventsTable, String snapshotsTable) {
        DynamoDbTables.create(client, List.of(DynamoDbTables.events(eventsTable), DynamoDbTables.snapshots(snapshotsTable)));
    }

    /**
     * Creates a view table where it does not exist, and waits until it is active.
     *
     * @param client the client
     * @param table the view's table
     */
    public static void createViewTable(DynamoDbClient client, String table) {
        DynamoDbTables.create(client, List.of(DynamoDbTables.view(table)));
    }
}
