// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrs4j.demo.domain.BankAccountCommand;
import io.cqrs4j.demo.domain.BankAccountCommand.DepositMoney;
import io.cqrs4j.demo.domain.BankAccountCommand.OpenAccount;
import io.cqrs4j.demo.domain.BankAccountCommand.WithdrawMoney;
import io.cqrs4j.demo.domain.BankAccountCommand.WriteCheck;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandParserTest {

    private static BankAccountCommand parse(String json) {
        return CommandParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void reads_the_four_cqrs_demo_bodies() {
        var open = parse("{\"OpenAccount\":{\"account_id\":\"ACCT-1\"}}");
        var deposit = parse("{\"DepositMoney\":{\"amount\":1000.0}}");
        var withdrawal = parse("{\"WithdrawMoney\":{\"amount\":400.0,\"atm_id\":\"ATM-N468290\"}}");
        var check = parse("{\"WriteCheck\":{\"check_number\":\"1170\",\"amount\":256.28}}");

        assertThat(open).isEqualTo(new OpenAccount("ACCT-1"));
        assertThat(deposit).isEqualTo(new DepositMoney(new BigDecimal("1000.0")));
        assertThat(withdrawal).isEqualTo(new WithdrawMoney(new BigDecimal("400.0"), "ATM-N468290"));
        assertThat(check).isEqualTo(new WriteCheck("1170", new BigDecimal("256.28")));
    }

    @Test
    void keeps_amounts_exact_including_whole_numbers() {
        var deposit = parse("{\"DepositMoney\":{\"amount\":0.1}}");
        var whole = parse("{\"DepositMoney\":{\"amount\":7}}");

        assertThat(deposit).isEqualTo(new DepositMoney(new BigDecimal("0.1")));
        assertThat(whole).isEqualTo(new DepositMoney(new BigDecimal("7")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                                                  | the body is empty",
            "[]                                                  | the body must be a JSON object with exactly one command name as its key, such as {\"DepositMoney\":{\"amount\":1000.0}}, but was an array",
            "{}                                                  | but was an empty object",
            "{\"DepositMoney\":{\"amount\":1},\"OpenAccount\":{}} | but was an object with 2 keys",
            "{\"DepositMoney\":{\"amount\":1}} {}                | the body is not valid JSON",
            "{\"DepositMoney\":{\"amount\":1,\"amount\":2}}      | the body is not valid JSON: Duplicate field 'amount'",
            "{\"DepositMoney\":[1]}                              | DepositMoney must hold an object of fields but held an array",
            "{\"DepositMoney\":{}}                               | DepositMoney.amount is missing; DepositMoney needs {\"amount\":1000.0}",
            "{\"DepositMoney\":{\"amount\":null}}                | DepositMoney.amount must be a number such as 100.0 but was null",
            "{\"DepositMoney\":{\"amount\":true}}                | DepositMoney.amount must be a number such as 100.0 but was the boolean true",
            "{\"DepositMoney\":{\"amount\":1e400}}               | DepositMoney.amount must have at most 18 digits before the decimal point and 10 after it",
            "{\"DepositMoney\":{\"amount\":1e-400}}              | DepositMoney.amount must have at most 18 digits",
            "{\"DepositMoney\":{\"amount\":1,\"currency\":\"EUR\"}} | DepositMoney has an unknown field 'currency'",
            "{\"OpenAccount\":{\"account_id\":7}}                | OpenAccount.account_id must be a string but was the number 7",
            "{\"WriteCheck\":{\"check_number\":\" \",\"amount\":1}} | WriteCheck.check_number must not be blank",
            "{\"WithdrawMoney\":{\"amount\":1}}                  | WithdrawMoney.atm_id is missing; WithdrawMoney needs {\"amount\":400.0,\"atm_id\":\"ATM-N468290\"}",
            "{\"deposit_money\":{\"amount\":1}}                  | unknown command 'deposit_money'",
            "{\"DepositMoney\":{\"amount\":-1e-999999999}}        | DepositMoney.amount must be a positive number but was -1E-999999999",
            "{\"DepositMoney\":{\"amount\":1e999999999}}         | (0.0000000001 to 999999999999999999.9999999999) but was 1E+999999999",
            "{\"DepositMoney\":{\"amount\":1e-2147483649}}       | a number in the body is out of range (its exponent is beyond 2147483647)",
            "{\"OpenAccount\":{\"account_id\":1e-2147483649}}    | a number in the body is out of range",
            "{\"DepositMoney\":{\"amount\":[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]}} | the body nests deeper than 16 levels of arrays and objects; a command nests two",
            "' \n '                                             | the body holds only whitespace",
            "{\"DepositMoney\":{\"amount\":NaN}}                 | the body is not valid JSON: Non-standard token 'NaN'",
            "{\"DepositMoney\":{\"amount\":+5}}                  | the body is not valid JSON: Unexpected character ('+' (code 43)) in numeric value",
    })
    @Timeout(5) // -1e-999999999 once spent minutes printing a billion digits; a bound, not a measurement
    void refuses_a_bad_body_with_a_400_naming_the_problem(String body, String detail) {
        assertThatThrownBy(() -> parse(body))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining(detail)
                .message().doesNotContain("`", "Exception", "JsonReadFeature", "StreamReadConstraints", "[Source");
    }

    @Test
    void a_number_longer_than_100_characters_is_refused_before_it_is_parsed() {
        String digits = "1" + "0".repeat(1000);

        assertThatThrownBy(() -> parse("{\"DepositMoney\":{\"amount\":" + digits + "}}"))
                .hasMessage("a number in the body is longer than 100 characters; an amount has at most 18 digits"
                        + " before the decimal point and 10 after it");
    }

    @Test
    void a_body_that_is_not_utf_8_is_refused_naming_the_byte_and_its_offset() {
        byte[] latin1 = "{\"WriteCheck\":{\"check_number\":\"caf\u00e9\",\"amount\":1}}".getBytes(StandardCharsets.ISO_8859_1);
        byte[] utf16 = "{\"DepositMoney\":{\"amount\":1}}".getBytes(StandardCharsets.UTF_16);

        assertThatThrownBy(() -> CommandParser.parse(latin1))
                .hasMessage("the body is not UTF-8: the byte 0xE9 at offset 34 does not belong to a UTF-8 character; send the JSON in UTF-8");
        assertThatThrownBy(() -> CommandParser.parse(utf16)).hasMessageContaining("the byte 0xFE at offset 0");
    }

    @Test
    void a_utf_8_byte_order_mark_is_ignored() {
        var deposit = parse("\ufeff{\"DepositMoney\":{\"amount\":7}}");

        assertThat(deposit).isEqualTo(new DepositMoney(new BigDecimal("7")));
    }

    @Test
    void numbers_in_messages_are_plain_when_short_and_scientific_when_their_plain_form_would_be_long() {
        assertThat(CommandParser.show(new BigDecimal("-5.5"))).isEqualTo("-5.5");
        assertThat(CommandParser.show(new BigDecimal("1e-11"))).isEqualTo("0.00000000001");
        assertThat(CommandParser.show(new BigDecimal("-1e-999999999"))).isEqualTo("-1E-999999999");
        assertThat(CommandParser.show(new BigDecimal("9".repeat(200)))).hasSize(61).endsWith("…");
    }

    @Test
    void jackson_hints_about_java_settings_are_dropped_from_messages() {
        String hinted = "Non-standard token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow";

        assertThat(CommandParser.withoutInternals(hinted)).isEqualTo("Non-standard token 'NaN'");
        assertThat(CommandParser.withoutInternals("boom from java.lang.IllegalStateException")).isEqualTo("the JSON text is malformed");
    }
}
