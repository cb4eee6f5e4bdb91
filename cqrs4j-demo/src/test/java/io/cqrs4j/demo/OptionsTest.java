// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrs4j.demo.Options.Projection;
import io.cqrs4j.demo.Options.SourceOfTruth;
import io.cqrs4j.demo.Options.Store;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptionsTest {

    @Test
    void defaults_to_event_sourced_sqlite_on_port_3030_with_a_durable_projection() throws Exception {
        Options options = Options.parse();

        assertThat(options).isEqualTo(new Options(Store.SQLITE, false, null, 3030, new SourceOfTruth.EventSourced(), false,
                Projection.DURABLE));
    }

    @Test
    void reads_every_flag_with_its_value_after_a_space_or_an_equals_sign() throws Exception {
        Options options = Options.parse("--store", "postgres", "--url=jdbc:postgresql://h/db?user=u&a=b", "--port", "0",
                "--snapshot-every=25");

        assertThat(options).isEqualTo(new Options(Store.POSTGRES, true, "jdbc:postgresql://h/db?user=u&a=b", 0,
                new SourceOfTruth.Snapshots(25), false, Projection.DURABLE));
    }

    @Test
    void reads_the_aggregate_store_flag() throws Exception {
        Options options = Options.parse("--store", "memory", "--aggregate-store");

        assertThat(options.sourceOfTruth()).isEqualTo(new SourceOfTruth.AggregateStore());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--verbose                                  | unknown argument '--verbose'",
            "--store                                    | --store needs a value",
            "--store oracle                             | --store must be one of sqlite, postgres, mysql, dynamodb, memory but was 'oracle'",
            "--port 70000                               | --port must be a whole number from 0 to 65535 but was '70000'",
            "--port http                                | --port must be a whole number from 0 to 65535 but was 'http'",
            "--snapshot-every 0                         | --snapshot-every must be a whole number from 1 to",
            "--snapshot-every 5 --aggregate-store       | --snapshot-every and --aggregate-store exclude each other",
            "--aggregate-store=yes                      | --aggregate-store takes no value but was given 'yes'",
            "--store memory --url x                     | --url does not apply to --store memory",
            "--store postgres                           | --store postgres needs --url, e.g. --url jdbc:postgresql://",
            "--port --store memory                      | --port needs a value",
            "--store sqlite --url jdbc:sqlite::memory:  | --url for sqlite must name a database file",
            "--store memory --projection durable        | --projection durable needs an event log, which --store memory",
            "--store dynamodb --projection durable      | --projection durable needs an event log, which --store dynamodb",
            "--projection eventually                    | --projection must be sync or durable but was 'eventually'",
            "--projection                               | --projection needs a value",
    })
    void refuses_a_bad_command_line_naming_the_flag(String commandLine, String message) {
        String[] args = commandLine.trim().split("\\s+");

        assertThatThrownBy(() -> Options.parse(args))
                .isInstanceOf(Options.UsageException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void takes_the_sqlite_file_from_a_path_or_a_jdbc_url_and_defaults_to_data_bank_db() {
        assertThat(Stores.sqliteFile(null)).isEqualTo(Path.of("./data/bank.db"));
        assertThat(Stores.sqliteFile("/tmp/bank.db")).isEqualTo(Path.of("/tmp/bank.db"));
        assertThat(Stores.sqliteFile("jdbc:sqlite:relative/bank.db")).isEqualTo(Path.of("relative/bank.db"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jdbc:postgresql://h/db                                  | jdbc:postgresql://h/db?connectTimeout=5&socketTimeout=30",
            "jdbc:postgresql://h/db?user=u                           | jdbc:postgresql://h/db?user=u&connectTimeout=5&socketTimeout=30",
            "jdbc:postgresql://h/db?socketTimeout=0&user=u           | jdbc:postgresql://h/db?socketTimeout=0&user=u&connectTimeout=5",
            "jdbc:postgresql://h/db?connectTimeout=1&socketTimeout=9 | jdbc:postgresql://h/db?connectTimeout=1&socketTimeout=9",
    })
    void bounds_the_postgres_connect_and_read_waits_unless_the_url_sets_them(String url, String expected) {
        assertThat(Stores.withPgTimeouts(url)).isEqualTo(expected);
    }

    @Test
    void a_bad_command_line_exits_with_2_and_prints_the_usage() {
        var err = new ByteArrayOutputStream();

        int status = Main.launch(new String[] {"--port", "-1"}, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("error: --port must be a whole number from 0 to 65535 but was '-1'")
                .contains("usage: java -jar cqrs4j-demo.jar");
    }

    @Test
    void a_database_that_cannot_be_reached_at_startup_exits_with_1() {
        var err = new ByteArrayOutputStream();

        int status = Main.launch(new String[] {"--store", "postgres", "--url", "jdbc:postgresql://127.0.0.1:1/test?user=postgres",
                "--port", "0"}, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--store postgres --url u                       | DURABLE",
            "--store mysql --url u                          | DURABLE",
            "--store postgres --url u --projection sync     | SYNC",
            "--store mysql --url u --projection=durable     | DURABLE",
            "--store sqlite                                 | DURABLE",
            "--store sqlite --projection sync               | SYNC",
            "--store memory --projection sync               | SYNC",
            "--store dynamodb                               | SYNC",
    })
    void feeds_the_view_durably_by_default_on_stores_with_an_event_log_and_in_the_request_elsewhere(String commandLine,
                                                                                        Projection expected) throws Exception {
        Options options = Options.parse(commandLine.trim().split("\\s+"));

        assertThat(options.projection()).isEqualTo(expected);
    }

    @Test
    void help_prints_the_usage_and_exits_with_0() {
        var err = new ByteArrayOutputStream();

        int status = Main.launch(new String[] {"--help"}, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(0);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--snapshot-every N");
    }
}
