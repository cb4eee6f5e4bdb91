// SPDX-License-Identifier: Apache-2.0
/** The bank account of cqrs-demo, the domain every benchmark runs: commands, events, aggregate. */
package io.cqrs4j.benchmarks.domain;
