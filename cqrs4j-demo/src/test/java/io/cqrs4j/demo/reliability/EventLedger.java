// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cqrs4j.demo.reliability.DepositLoad.Exchange;
import io.cqrs4j.demo.reliability.DepositLoad.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.LongStream;

/**
 * One account's events as the database holds them, read with plain SQL behind the demo's back,
 * and the checks that they agree with what the service acknowledged.
 *
 * @param accountId the account
 * @param sequences the events' sequences, in order
 * @param types the events' types, in order
 * @param depositCents the deposits' amounts in cents, in order
 * @param balances the balance each event records, in order
 */
record EventLedger(String accountId, List<Long> sequences, List<String> types, List<Long> depositCents,
                   List<BigDecimal> balances) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads one account's events from the {@code events} table the connection sees. */
    static EventLedger read(Connection connection, String accountId) throws SQLException {
        var sequences = new ArrayList<Long>();
        var types = new ArrayList<String>();
        var cents = new ArrayList<Long>();
        var balances = new ArrayList<BigDecimal>();
        try (PreparedStatement select = connection.prepareStatement("SELECT sequence, event_type, payload FROM events"
                + " WHERE aggregate_type = 'account' AND aggregate_id = ? ORDER BY sequence")) {
            select.setString(1, accountId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    sequences.add(rows.getLong(1));
                    types.add(rows.getString(2));
                    JsonNode deposit = json(rows.getString(3)).path("CustomerDepositedMoney");
                    if (!deposit.isMissingNode()) {
                        cents.add(deposit.get("amount").decimalValue().movePointRight(2).longValueExact());
                        balances.add(deposit.get("balance").decimalValue());
                    }
                }
            }
        }
        return new EventLedger(accountId, sequences, types, cents, balances);
    }

    /** The balance the events add up to. */
    BigDecimal balance() {
        return BigDecimal.valueOf(depositCents.stream().mapToLong(Long::longValue).sum(), 2);
    }

    /**
     * Asserts that no commit is half-written or lost and none applied twice: sequences 1..n without
     * a gap or a duplicate, the account opened first and every later event a deposit whose recorded
     * balance is its predecessor's plus its amount (each command saw the state the previous one
     * left), every acknowledged deposit present, and nothing present that was refused or never sent.
     */
    void assertAgreesWith(DepositLoad load, Supplier<String> log) {
        Set<Long> acknowledged = load.deposits(accountId, Outcome.ACKNOWLEDGED);
        Set<Long> unknown = load.deposits(accountId, Outcome.UNKNOWN);
        String about = "account " + accountId + " (" + acknowledged.size() + " acknowledged, " + unknown.size()
                + " in doubt)\n" + log.get();

        assertThat(sequences).as("sequences of " + about).containsExactlyElementsOf(
                LongStream.rangeClosed(1, sequences.size()).boxed().toList());
        assertThat(types).as("event types of " + about).first().isEqualTo("AccountOpened");
        assertThat(types.subList(1, types.size())).as("event types of " + about).allMatch("CustomerDepositedMoney"::equals);
        BigDecimal running = BigDecimal.ZERO;
        for (int i = 0; i < depositCents.size(); i++) {
            running = running.add(BigDecimal.valueOf(depositCents.get(i), 2));
            assertThat(balances.get(i)).as("balance recorded by sequence " + (i + 2) + " of " + about)
                    .isEqualByComparingTo(running);
        }
        assertThat(new HashSet<>(depositCents)).as("deposits applied twice in " + about).hasSize(depositCents.size());
        assertThat(depositCents).as("acknowledged deposits of " + about).containsAll(acknowledged);
        var mayBeThere = new HashSet<>(acknowledged);
        mayBeThere.addAll(unknown);
        assertThat(mayBeThere).as("deposits in the store that were refused or never sent, " + about)
                .containsAll(depositCents);
    }

    /**
     * Asserts that the account stored beside the events (a snapshot, or the aggregate store's
     * current account) is the state after one of the events, and after the last one when
     * {@code current}: its commit was not half-written.
     */
    void assertStoredAccountAgrees(Connection connection, boolean current, Supplier<String> log) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT last_sequence, payload FROM snapshots"
                + " WHERE aggregate_type = 'account' AND aggregate_id = ?")) {
            select.setString(1, accountId);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).as("a stored account " + accountId + "\n" + log.get()).isTrue();
                long last = row.getLong(1);
                BigDecimal balance = json(row.getString(2)).get("balance").decimalValue();
                String about = "account " + accountId + " stored at sequence " + last + " of " + sequences.size();

                assertThat(last).as(about).isBetween(1L, (long) sequences.size());
                if (current) {
                    assertThat(last).as(about).isEqualTo(sequences.size());
                }
                assertThat(balance).as(about).isEqualByComparingTo(last == 1 ? BigDecimal.ZERO : balances.get((int) last - 2));
            }
        }
    }

    /**
     * Polls {@code GET /account/{id}} until the view holds exactly these events' balance and one
     * ledger line per deposit; fails after {@code within}.
     */
    void assertViewConverges(URI base, Duration within, Supplier<String> log) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        Exchange last;
        do {
            last = DepositLoad.get(base, accountId);
            if (last.status() == 200) {
                JsonNode view = json(last.body());
                if (view.get("balance").decimalValue().compareTo(balance()) == 0
                        && view.get("ledger").size() == depositCents.size()) {
                    return;
                }
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the view of " + accountId + " at " + base + " did not reach balance "
                + balance().toPlainString() + " with " + depositCents.size() + " deposits within " + within
                + "; last answer " + last.status() + " " + abbreviate(last.body()) + "\n" + log.get());
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + abbreviate(text), e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
