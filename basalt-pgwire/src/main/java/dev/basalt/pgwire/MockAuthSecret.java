package dev.basalt.pgwire;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The secret that keys the made-up SCRAM salts of unknown user names (see
 * {@link PgAuthenticator#pretend}). It must outlive a restart: a secret new at each start gives an
 * unknown name a new salt after every restart while a real account keeps its salt, so whoever can
 * reconnect across a restart could tell the two apart. PostgreSQL keeps its mock_auth_nonce in
 * pg_control for the same reason; Basalt keeps it in a file of the data directory, made once,
 * readable by the owner only (whoever reads it can tell unknown names from real ones).
 */
public final class MockAuthSecret {
    /** The file's name in the data directory. */
    public static final String FILE_NAME = "pg_mock_auth_secret";
    static final int LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private MockAuthSecret() {}

    /**
     * The secret kept in {@code dataDir}, made there on first use. A file of the wrong size (cut
     * short, edited) stops the start rather than being replaced, which would change every mock salt.
     */
    public static byte[] loadOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) create(file);
        byte[] secret = Files.readAllBytes(file);
        if (secret.length != LENGTH) {
            throw new IOException(file + ": expected " + LENGTH + " bytes, found " + secret.length
                    + " (remove the file to make a new secret)");
        }
        return secret;
    }

    /** For a server without a data directory (in-memory storage: its accounts do not outlive it either). */
    public static byte[] ephemeral() {
        return randomBytes();
    }

    /** Written under a temporary name and moved into place, so a crash never leaves a short file. */
    private static void create(Path file) throws IOException {
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(tmp);
        }
        Files.write(tmp, randomBytes());
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException raced) { // another start made it first: keep that one
            Files.deleteIfExists(tmp);
        }
    }

    /** nextBytes, not generateSeed: the seed source may block at startup on a machine short of entropy. */
    private static byte[] randomBytes() {
        byte[] b = new byte[LENGTH];
        RANDOM.nextBytes(b);
        return b;
    }
}
