// SPDX-License-Identifier: Apache-2.0
/**
 * Given/when/then tests of an aggregate's rules, without a store:
 * {@link io.cqrs4j.testing.TestFramework}.
 */
package io.cqrs4j.testing;
