package dev.basalt.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway certificate authority and server certificates made with the openssl command line at
 * test time (nothing secret is checked in): for TLS between Basalt and a real MariaDB.
 */
public final class TestCertificates {
    private final Path dir;

    private TestCertificates(Path dir) { this.dir = dir; }

    /** True when the openssl command is on this machine. */
    public static boolean available() {
        for (String d : List.of("/usr/bin/openssl", "/usr/local/bin/openssl", "/bin/openssl")) {
            if (Files.isExecutable(Path.of(d))) return true;
        }
        return false;
    }

    /** A new CA (ca.pem, ca-key.pem) in a temporary directory. */
    public static TestCertificates newAuthority(String name) throws IOException {
        Path dir = Files.createTempDirectory("basalt-certs-");
        TestCertificates c = new TestCertificates(dir);
        c.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=" + name,
                "-keyout", dir.resolve("ca-key.pem").toString(), "-out", dir.resolve("ca.pem").toString());
        return c;
    }

    public Path ca() { return dir.resolve("ca.pem"); }

    /**
     * A server certificate signed by this CA naming {@code subjectAltNames} (e.g. {@code DNS:localhost},
     * {@code IP:127.0.0.1}); returns {cert, key}.
     */
    public Path[] server(String name, String... subjectAltNames) throws IOException {
        Path key = dir.resolve(name + "-key.pem"), csr = dir.resolve(name + ".csr"), cert = dir.resolve(name + ".pem");
        Path ext = dir.resolve(name + ".ext");
        Files.writeString(ext, "subjectAltName=" + String.join(",", subjectAltNames) + "\n");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + name, "-keyout", key.toString(), "-out", csr.toString());
        openssl("x509", "-req", "-in", csr.toString(), "-CA", ca().toString(), "-CAkey", dir.resolve("ca-key.pem").toString(),
                "-CAcreateserial", "-days", "2", "-extfile", ext.toString(), "-out", cert.toString());
        return new Path[]{cert, key};
    }

    private void openssl(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Path log = dir.resolve("openssl.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("openssl timed out: " + cmd);
            }
            if (p.exitValue() != 0) throw new IOException("openssl failed: " + cmd + "\n" + Files.readString(log));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Removes the directory (keys included). */
    public void delete() { TempDirs.deleteRecursively(dir); }
}
