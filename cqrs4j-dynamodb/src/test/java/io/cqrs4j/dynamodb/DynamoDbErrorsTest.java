// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.dynamodb;

import static io.cqrs4j.dynamodb.TestEvents.events;
import static io.cqrs4j.dynamodb.TestEvents.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrs4j.AggregateConflictException;
import io.cqrs4j.CqrsException;
import io.cqrs4j.DatabaseConnectionException;
import io.cqrs4j.UnexpectedException;
import io.cqrs4j.persist.PersistedEventRepository;
import io.cqrs4j.persist.SerializedEvent;
import io.cqrs4j.persist.SerializedSnapshot;
import io.cqrs4j.persist.ViewContext;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

class DynamoDbErrorsTest {

    @Test
    void an_unreachable_endpoint_is_a_connection_error_naming_it() throws Exception {
        URI closed;
        try (var socket = new ServerSocket(0)) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        try (var client = TestDynamo.clientWithoutRetries(closed)) {
            var repository = DynamoDbCqrs.eventRepository(client);
            var views = DynamoDbCqrs.viewRepository(client, "Views", new TextViews());

            assertThatThrownBy(() -> repository.getEvents("counter", "C-1"))
                    .isInstanceOf(DatabaseConnectionException.class)
                    .hasMessageContaining("counter C-1: reading events from table Events")
                    .hasMessageContaining(closed.toString());
            assertThatThrownBy(() -> repository.persist(events("counter", "C-1", 1, 1), null))
                    .isInstanceOf(DatabaseConnectionException.class);
            assertThatThrownBy(() -> views.updateView("v", ViewContext.newView("V-1")))
                    .isInstanceOf(DatabaseConnectionException.class);
        }
    }

    @Test
    void a_missing_table_is_an_unexpected_error_that_says_to_create_it() {
        var repository = DynamoDbCqrs.eventRepository(TestDynamo.client(), TestDynamo.uniqueTable("Missing"), "Snapshots");

        assertThatThrownBy(() -> repository.getEvents("counter", "C-1"))
                .isInstanceOf(UnexpectedException.class)
                .hasMessageContaining("DynamoDbCqrs.createTables");
    }

    @Test
    void a_failing_page_is_thrown_from_the_stream_not_taken_for_its_end() {
        Dynalite server = Dynalite.start();
        try (var client = TestDynamo.clientWithoutRetries(server.endpoint())) {
            DynamoDbCqrs.createTables(client);
            PersistedEventRepository repository = DynamoDbCqrs.eventRepository(client);
            String id = newId();
            for (int from = 1; from <= 1200; from += 100) {
                repository.persist(events("counter", id, from, 100, 1024), null);
            }

            try (Stream<SerializedEvent> stream = repository.streamEvents("counter", id)) {
                Iterator<SerializedEvent> events = stream.iterator();
                assertThat(events.next().sequence()).isEqualTo(1);
                server.close();

                assertThatThrownBy(() -> {
                    while (events.hasNext()) {
                        events.next();
                    }
                }).isInstanceOf(DatabaseConnectionException.class).hasMessageContaining("reading events");
            }
        } finally {
            server.close();
        }
    }

    @Test
    void a_transaction_conflict_is_an_aggregate_conflict() {
        CqrsException error = cancelled(List.of("None", "TransactionConflict"), null);

        assertThat(error).isInstanceOfSatisfying(AggregateConflictException.class, conflict -> {
            assertThat(conflict.aggregateId()).isEqualTo("C-1");
            assertThat(conflict.expectedVersion()).isEqualTo(4);
        });
    }

    @Test
    void a_taken_sequence_is_an_aggregate_conflict() {
        assertThat(cancelled(List.of("ConditionalCheckFailed", "None"), null))
                .isInstanceOf(AggregateConflictException.class)
                .hasMessageContaining("expected version 4");
    }

    @Test
    void a_moved_snapshot_version_is_a_conflict_on_the_snapshot() {
        var snapshot = new SerializedSnapshot("counter", "C-1", "{}", 6, 3);

        assertThat(cancelled(List.of("None", "None", "ConditionalCheckFailed"), snapshot))
                .isInstanceOf(AggregateConflictException.class)
                .hasMessageContaining("snapshot version 2 expected");
    }

    @Test
    void throttling_is_a_connection_error_and_other_reasons_are_unexpected() {
        assertThat(cancelled(List.of("ThrottlingError", "None"), null)).isInstanceOf(DatabaseConnectionException.class);
        assertThat(cancelled(List.of("ValidationError", "None"), null))
                .isInstanceOf(UnexpectedException.class)
                .hasMessageContaining("[ValidationError, None]");
    }

    private static CqrsException cancelled(List<String> codes, SerializedSnapshot snapshot) {
        var error = TransactionCanceledException.builder()
                .message("Transaction cancelled")
                .cancellationReasons(codes.stream().map(code -> CancellationReason.builder().code(code).build()).toList())
                .build();
        return DynamoDbEventRepository.cancelled(events("counter", "C-1", 5, 2), snapshot, error);
    }
}
