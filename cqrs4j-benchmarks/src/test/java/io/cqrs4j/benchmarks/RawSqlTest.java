// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrs4j.benchmarks.domain.BankAccountCommand.DepositMoney;
import io.cqrs4j.benchmarks.domain.BankAccountCommand.WithdrawMoney;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class RawSqlTest {

    @Test
    void the_baseline_writes_the_json_the_framework_writes() {
        var deposit = new DepositMoney(new BigDecimal("10"));
        var withdrawal = new WithdrawMoney(BigDecimal.ONE, "ATM-1");

        String depositJson = RawSql.eventJson(deposit, new BigDecimal("110"));
        String withdrawalJson = RawSql.eventJson(withdrawal, new BigDecimal("109"));

        assertThat(depositJson).isEqualTo(Seeder.SERIALIZER.serializeEvent(
                new io.cqrs4j.benchmarks.domain.BankAccountEvent.CustomerDepositedMoney(new BigDecimal("10"),
                        new BigDecimal("110"))));
        assertThat(withdrawalJson).isEqualTo(Seeder.SERIALIZER.serializeEvent(
                new io.cqrs4j.benchmarks.domain.BankAccountEvent.CustomerWithdrewCash(BigDecimal.ONE,
                        new BigDecimal("109"))));
        assertThat(RawSql.stateJson("ACCT-1", new BigDecimal("5"))).isEqualTo(Seeder.SERIALIZER.serializeAggregate(
                new io.cqrs4j.benchmarks.domain.BankAccount("ACCT-1", new BigDecimal("5"), true)));
    }

    @Test
    void the_baseline_reads_the_balance_back_from_events_and_snapshots() {
        String event = RawSql.eventJson(new DepositMoney(new BigDecimal("10")), new BigDecimal("110.50"));
        String snapshot = RawSql.stateJson("ACCT-1", new BigDecimal("7"));

        assertThat(RawSql.balanceIn(event)).isEqualByComparingTo("110.50");
        assertThat(RawSql.balanceIn(snapshot)).isEqualByComparingTo("7");
        assertThat(RawSql.balanceIn("{\"AccountOpened\":{\"account_id\":\"ACCT-1\"}}")).isZero();
    }
}
