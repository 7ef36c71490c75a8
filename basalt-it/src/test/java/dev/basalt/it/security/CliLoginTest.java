package dev.basalt.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.basalt.it.cli.MariaDbCli;
import dev.basalt.it.client.Driver;
import dev.basalt.it.support.Endpoint;
import dev.basalt.it.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The mariadb command-line client logging in as a created account, with each auth plugin. */
class CliLoginTest {

    @ParameterizedTest
    @ValueSource(strings = {"caching_sha2_password", "mysql_native_password"})
    void createdAccountLogsInWithTheCli(String plugin) throws Exception {
        assumeTrue(MariaDbCli.binary() != null, "mariadb client not installed");
        try (TestServer server = TestServer.memory()) {
            try (Connection root = Driver.MARIADB.connect(server, "")) {
                AccountsTest.exec(root, "CREATE DATABASE cli", "CREATE TABLE cli.t (a INT)", "INSERT INTO cli.t VALUES (7)",
                        "CREATE USER cli_user@localhost IDENTIFIED WITH " + plugin + " BY 'cli-Pw'",
                        "GRANT SELECT ON cli.* TO cli_user@localhost");
            }
            Path script = Files.createTempFile("cli-login", ".sql");
            try {
                Files.writeString(script, "SELECT CURRENT_USER(), a FROM cli.t;\nINSERT INTO cli.t VALUES (8);\n",
                        StandardCharsets.UTF_8);
                Endpoint as = new Endpoint.Fixed(server.host(), server.port(), "cli_user", "cli-Pw");
                MariaDbCli.Output out = MariaDbCli.run(as, script);
                assertTrue(out.stdout().contains("cli_user@localhost\t7"), out.stdout() + out.stderr());
                assertTrue(out.stderr().contains("ERROR 1142 (42000)"), out.stderr());
                assertTrue(out.stderr().contains("INSERT command denied to user 'cli_user'@'localhost' for table 't'"), out.stderr());

                Endpoint wrong = new Endpoint.Fixed(server.host(), server.port(), "cli_user", "bad");
                MariaDbCli.Output denied = MariaDbCli.run(wrong, script);
                assertEquals(1, denied.exitCode());
                assertTrue(denied.stderr().contains("ERROR 1045 (28000): Access denied for user 'cli_user'@'"), denied.stderr());
                assertTrue(denied.stderr().contains("(using password: YES)"), denied.stderr());
            } finally {
                Files.deleteIfExists(script);
            }
        }
    }
}
