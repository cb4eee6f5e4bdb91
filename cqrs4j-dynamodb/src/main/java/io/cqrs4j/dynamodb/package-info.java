// SPDX-License-Identifier: Apache-2.0
/**
 * DynamoDB storage for cqrs4j: {@link io.cqrs4j.dynamodb.DynamoDbCqrs} builds event stores and view
 * repositories on the AWS SDK for Java v2, in the item layout of dynamo-es. Everything else in the
 * package is an implementation detail.
 */
package io.cqrs4j.dynamodb;
