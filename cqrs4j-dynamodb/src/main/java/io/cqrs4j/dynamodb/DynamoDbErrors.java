// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.dynamodb;

import io.cqrs4j.CqrsException;
import io.cqrs4j.DatabaseConnectionException;
import io.cqrs4j.UnexpectedException;
import java.net.URI;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Turns the SDK's exceptions into the cqrs4j family: an unreachable endpoint, throttling and
 * server errors are {@link DatabaseConnectionException} (503, send again later); anything else
 * DynamoDB answered is {@link UnexpectedException}. Conflicts are decided by the callers, which
 * know what their conditions meant.
 */
final class DynamoDbErrors {

    /** Where the client sends requests, for messages: the endpoint override or the region. */
    private final String endpoint;

    DynamoDbErrors(DynamoDbClient client) {
        var configuration = client.serviceClientConfiguration();
        this.endpoint = configuration.endpointOverride().map(URI::toString)
                .orElseGet(() -> "region " + configuration.region());
    }

    /**
     * The cqrs4j exception for a failed call.
     *
     * @param what what was being done, e.g. {@code "account ACCT-1: reading events from table Events"}
     * @param error the SDK's exception
     * @return the exception to throw
     */
    CqrsException map(String what, SdkException error) {
        if (error instanceof SdkClientException) {
            return new DatabaseConnectionException(what + ": DynamoDB at " + endpoint + " could not be reached ("
                    + error.getMessage() + "); check the endpoint, the network and the credentials, then retry", error);
        }
        if (error instanceof ResourceNotFoundException) {
            return new UnexpectedException(what + ": DynamoDB at " + endpoint + " has no such table or index ("
                    + error.getMessage() + "); create the tables with DynamoDbCqrs.createTables", error);
        }
        if (error instanceof AwsServiceException service) {
            if (isThrottling(service)) {
                return new DatabaseConnectionException(what + ": DynamoDB at " + endpoint + " throttled the request ("
                        + service.awsErrorDetails().errorCode() + "); retry later or raise the table's capacity", error);
            }
            if (service.statusCode() >= 500) {
                return new DatabaseConnectionException(what + ": DynamoDB at " + endpoint + " failed with "
                        + service.statusCode() + " " + errorCode(service) + "; retry later", error);
            }
            return new UnexpectedException(what + ": DynamoDB at " + endpoint + " refused the request with "
                    + service.statusCode() + " " + errorCode(service) + ": " + service.getMessage(), error);
        }
        return new UnexpectedException(what + ": the AWS SDK failed: " + error.getMessage(), error);
    }

    static boolean isThrottling(AwsServiceException error) {
        return error.isThrottlingException() || error instanceof ProvisionedThroughputExceededException
                || error instanceof RequestLimitExceededException;
    }

    private static String errorCode(AwsServiceException error) {
        return error.awsErrorDetails() == null ? "(no error code)" : error.awsErrorDetails().errorCode();
    }
}
