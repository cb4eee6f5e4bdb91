// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.dynamodb;

import io.cqrs4j.persist.PersistedEventRepository;
import java.net.URI;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB-API server the tests use: {@code CQRS4J_DYNAMODB_ENDPOINT} when set, otherwise a
 * dynalite started once for the test JVM. Region and (dummy) credentials come from
 * {@code CQRS4J_DYNAMODB_REGION}, {@code CQRS4J_DYNAMODB_ACCESS_KEY_ID} and
 * {@code CQRS4J_DYNAMODB_SECRET_ACCESS_KEY}, with local defaults.
 */
final class TestDynamo {

    static final String REGION = env("CQRS4J_DYNAMODB_REGION", "us-east-1");

    private static final ReentrantLock LOCK = new ReentrantLock();
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static final Queue<String> CREATED = new ConcurrentLinkedQueue<>();
    private static final String RUN = Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
    private static DynamoDbClient client;

    private TestDynamo() {
    }

    /** The shared client, starting dynalite on first use. */
    static DynamoDbClient client() {
        LOCK.lock();
        try {
            if (client == null) {
                String configured = System.getenv("CQRS4J_DYNAMODB_ENDPOINT");
                if (configured == null || configured.isBlank()) {
                    client = client(Dynalite.start().endpoint());
                } else {
                    client = client(URI.create(configured));
                    Runtime.getRuntime().addShutdownHook(new Thread(TestDynamo::deleteTables, "delete-test-tables"));
                }
            }
            return client;
        } finally {
            LOCK.unlock();
        }
    }

    /** A client for another endpoint, with the tests' region and credentials. */
    static DynamoDbClient client(URI endpoint) {
        var credentials = AwsBasicCredentials.create(env("CQRS4J_DYNAMODB_ACCESS_KEY_ID", "local"),
                env("CQRS4J_DYNAMODB_SECRET_ACCESS_KEY", "local"));
        return DynamoDbCqrs.client(endpoint, REGION, StaticCredentialsProvider.create(credentials));
    }

    /**
     * A client for another endpoint that tries each call once: DynamoDB's default of 9 attempts
     * makes an unreachable endpoint take seconds per call.
     */
    static DynamoDbClient clientWithoutRetries(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** A table name no other test uses. */
    static String uniqueTable(String prefix) {
        String name = prefix + "_" + RUN + "_" + TABLES.incrementAndGet();
        CREATED.add(name);
        return name;
    }

    /** On a server that outlives the tests, leaves no test tables behind. */
    private static void deleteTables() {
        for (String table : CREATED) {
            try {
                client.deleteTable(r -> r.tableName(table));
            } catch (SdkException e) {
                // never created, or already gone
            }
        }
    }

    /** Fresh, empty events and snapshots tables. */
    static EventTables freshEventTables() {
        var tables = new EventTables(uniqueTable("Events"), uniqueTable("Snapshots"));
        DynamoDbCqrs.createTables(client(), tables.events(), tables.snapshots());
        return tables;
    }

    /** A repository on fresh, empty tables. */
    static PersistedEventRepository freshRepository() {
        return freshEventTables().repository();
    }

    /** A fresh, empty view table. */
    static String freshViewTable() {
        String table = uniqueTable("View");
        DynamoDbCqrs.createViewTable(client(), table);
        return table;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** The names of an events and a snapshots table. */
    record EventTables(String events, String snapshots) {

        PersistedEventRepository repository() {
            return DynamoDbCqrs.eventRepository(client(), events, snapshots);
        }
    }
}
