// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.example.bank;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrs4j.CommandRejectedException;
import io.cqrs4j.example.bank.BankAccountCommand.DepositMoney;
import io.cqrs4j.example.bank.BankAccountCommand.OpenAccount;
import io.cqrs4j.example.bank.BankAccountCommand.WithdrawMoney;
import io.cqrs4j.example.bank.BankAccountCommand.WriteCheck;
import io.cqrs4j.example.bank.BankAccountEvent.AccountOpened;
import io.cqrs4j.example.bank.BankAccountEvent.CustomerDepositedMoney;
import io.cqrs4j.example.bank.BankAccountEvent.CustomerWithdrewCash;
import io.cqrs4j.example.bank.BankAccountEvent.CustomerWroteCheck;
import io.cqrs4j.testing.TestFramework;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class BankAccountTest {

    private final MockBankAccountServices services = new MockBankAccountServices();
    private final TestFramework<BankAccount, BankAccountCommand, BankAccountEvent> account =
            TestFramework.with(BankAccount::initial, services);

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }

    @Test
    void opens_an_account() {
        account.givenNoPreviousEvents()

                .when(new OpenAccount("ACCT-1"))

                .thenExpectEvents(new AccountOpened("ACCT-1"));
    }

    @Test
    void an_opened_account_is_open_with_a_zero_balance() {
        account.givenNoPreviousEvents()

                .when(new OpenAccount("ACCT-1"))

                .thenExpectState(new BankAccount("ACCT-1", BigDecimal.ZERO, true));
    }

    @Test
    void rejects_opening_an_account_that_is_already_open() {
        account.given(new AccountOpened("ACCT-1"))

                .when(new OpenAccount("ACCT-1"))

                .thenExpectErrorMessage("account ACCT-1 is already open; open a new account with another id");
    }

    @Test
    void rejects_a_deposit_to_an_account_that_is_not_open() {
        account.givenNoPreviousEvents()

                .when(new DepositMoney(money("100")))

                .thenExpectErrorMessage("account is not open; send OpenAccount first");
    }

    @Test
    void rejects_withdrawals_and_checks_on_an_account_that_is_not_open() {
        var executor = account.givenNoPreviousEvents();

        var withdrawal = executor.when(new WithdrawMoney(money("1"), "ATM-1"));
        var check = executor.when(new WriteCheck("1170", money("1")));

        withdrawal.thenExpectErrorMessage("account is not open; send OpenAccount first");
        check.thenExpectErrorMessage("account is not open; send OpenAccount first");
        assertThat(services.calls()).isEmpty();
    }

    @Test
    void deposits_money() {
        account.given(new AccountOpened("ACCT-1"))

                .when(new DepositMoney(money("200.00")))

                .thenExpectEvents(new CustomerDepositedMoney(money("200.00"), money("200.00")));
    }

    @Test
    void deposits_money_onto_an_earlier_balance() {
        account.given(new AccountOpened("ACCT-1"), new CustomerDepositedMoney(money("200.00"), money("200.00")))

                .when(new DepositMoney(money("200.00")))

                .thenExpectEvents(new CustomerDepositedMoney(money("200.00"), money("400.00")));
    }

    @Test
    void rejects_a_deposit_that_is_not_positive() {
        var opened = account.given(new AccountOpened("ACCT-1"));

        var zero = opened.when(new DepositMoney(money("0")));
        var negative = opened.when(new DepositMoney(money("-5.00")));

        zero.thenExpectErrorMessage("amount must be positive but was 0");
        negative.thenExpectErrorMessage("amount must be positive but was -5.00");
    }

    @Test
    void withdraws_cash_at_an_atm() {
        account.given(new AccountOpened("ACCT-1"), new CustomerDepositedMoney(money("200.00"), money("200.00")))

                .when(new WithdrawMoney(money("100.00"), "ATM-34f1ba3c"))

                .thenExpectEvents(new CustomerWithdrewCash(money("100.00"), money("100.00")));
        assertThat(services.calls()).containsExactly("atmWithdrawal(ATM-34f1ba3c, 100.00)");
    }

    @Test
    void rejects_a_withdrawal_the_atm_refuses() {
        services.refuseAtm("ATM-34f1ba3c");

        var result = account.given(new AccountOpened("ACCT-1"), new CustomerDepositedMoney(money("200.00"), money("200.00")))
                .when(new WithdrawMoney(money("100.00"), "ATM-34f1ba3c"));

        result.thenExpectErrorMessage("atm rule violation");
        assertThat(result.thenExpectError(CommandRejectedException.class))
                .hasCauseInstanceOf(BankAccountServices.AtmError.class);
    }

    @Test
    void rejects_a_withdrawal_larger_than_the_balance_without_asking_the_atm() {
        account.given(new AccountOpened("ACCT-1"), new CustomerDepositedMoney(money("200.00"), money("200.00")))

                .when(new WithdrawMoney(money("200.01"), "ATM-34f1ba3c"))

                .thenExpectErrorMessage("funds not available");
        assertThat(services.calls()).isEmpty();
    }

    @Test
    void allows_a_withdrawal_of_the_whole_balance() {
        account.given(new AccountOpened("ACCT-1"), new CustomerDepositedMoney(money("200.00"), money("200.00")))

                .when(new WithdrawMoney(money("200.00"), "ATM-1"))

                .thenExpectState(new BankAccount("ACCT-1", money("0.00"), true));
    }

    @Test
    void rejects_a_withdrawal_that_is_not_positive() {
        account.given(new AccountOpened("ACCT-1"))

                .when(new WithdrawMoney(money("-1"), "ATM-1"))

                .thenExpectErrorMessage("amount must be positive but was -1");
    }

    @Test
    void writes_a_check() {
        account.given(new AccountOpened("ACCT-1"), new CustomerDepositedMoney(money("200.00"), money("200.00")))

                .when(new WriteCheck("1170", money("100.00")))

                .thenExpectEvents(new CustomerWroteCheck("1170", money("100.00"), money("100.00")));
        assertThat(services.calls()).containsExactly("validateCheck(ACCT-1, 1170)");
    }

    @Test
    void rejects_a_check_the_clearing_house_refuses() {
        services.refuseCheck("1170");

        account.given(new AccountOpened("ACCT-1"), new CustomerDepositedMoney(money("200.00"), money("200.00")))

                .when(new WriteCheck("1170", money("100.00")))

                .thenExpectErrorMessage("check invalid");
    }

    @Test
    void rejects_a_check_larger_than_the_balance() {
        account.given(new AccountOpened("ACCT-1"), new CustomerDepositedMoney(money("200.00"), money("200.00")))

                .when(new WriteCheck("1170", money("300.00")))

                .thenExpectErrorMessage("funds not available");
    }

    @Test
    void rejects_a_check_without_an_amount() {
        account.given(new AccountOpened("ACCT-1"))

                .when(new WriteCheck("1170", null))

                .thenExpectErrorMessage("amount must be positive but was null");
    }

    @Test
    void is_stored_under_the_type_account() {
        BankAccount initial = BankAccount.initial();

        String type = initial.aggregateType();

        assertThat(type).isEqualTo("account");
    }
}
