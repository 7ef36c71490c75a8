package dev.basalt.server.ops;

import dev.basalt.shell.Shell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * basalt shell's mysql-style TLS options against a server process with its generated
 * certificate: --ssl encrypts, --ssl-ca verifies the server against the generated CA, and a
 * server with require_secure_transport refuses the plain default with 3159.
 */
class ShellTlsProcessTest {

    @TempDir
    Path dir;

    record Run(int status, String out, String err) {}

    private static Run shell(int port, String input, String... options) {
        List<String> args = new ArrayList<>(List.of("-P", Integer.toString(port)));
        args.addAll(List.of(options));
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = Shell.run(args.toArray(String[]::new), new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void sslOptionsOfTheShell() throws Exception {
        Path data = dir.resolve("data");
        try (ServerProcess server = ServerProcess.start(dir, "--storage", "lmdb", "--data-dir", data.toString(), "--ssl", "on")) {
            int port = server.awaitReady();
            assertTrue(port > 0, server.stderrText());
            String query = "SHOW SESSION STATUS LIKE 'Ssl_version';\n";

            Run plain = shell(port, query);
            assertEquals(0, plain.status(), plain.err());
            assertEquals("Variable_name\tValue\nSsl_version\t\n", plain.out(), "DISABLED is the default");

            Run encrypted = shell(port, query, "--ssl");
            assertEquals(0, encrypted.status(), encrypted.err());
            assertTrue(encrypted.out().matches("(?s).*Ssl_version\tTLSv1\\.[23]\n"), encrypted.out());

            Run verified = shell(port, query, "--ssl-mode=VERIFY_CA", "--ssl-ca", data.resolve("ca.pem").toString());
            assertEquals(0, verified.status(), verified.err());
            assertTrue(verified.out().contains("TLSv1."), verified.out());

            Run preferred = shell(port, query, "--ssl-mode", "preferred");
            assertEquals(2, preferred.status());
            assertTrue(preferred.err().contains("PREFERRED is not supported"), preferred.err());
            Run noCa = shell(port, query, "--ssl-mode", "VERIFY_CA");
            assertEquals(2, noCa.status());
            assertTrue(noCa.err().contains("needs --ssl-ca"), noCa.err());

            assertEquals(0, shell(port, "SET GLOBAL require_secure_transport = ON;\n", "--ssl").status());
            Run refused = shell(port, query);
            assertEquals(1, refused.status(), refused.out());
            assertTrue(refused.err().contains("3159"), refused.err());
            assertEquals(0, shell(port, query, "--ssl").status(), "TLS still gets in");
        }
    }
}
