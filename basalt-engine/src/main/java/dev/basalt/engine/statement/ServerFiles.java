package dev.basalt.engine.statement;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.session.BasaltSession;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files on the server's disk for SELECT ... INTO OUTFILE / DUMPFILE and LOAD DATA INFILE. As in
 * MySQL, {@code secure_file_priv} decides: NULL refuses every such statement (1290), a directory
 * allows files inside it only (1290 outside). A relative name is taken from that directory.
 */
final class ServerFiles {
    private ServerFiles() {}

    /** The checked path of {@code name}; 1290 when secure_file_priv does not allow it. */
    static Path resolve(BasaltSession s, String name) {
        Object dir = s.engine().variables().global("secure_file_priv");
        if (dir == null) throw new SqlException(ErrorCode.ER_OPTION_PREVENTS_STATEMENT, "--secure-file-priv");
        Path root = Path.of(dir.toString()).toAbsolutePath().normalize();
        Path file = root.resolve(name).toAbsolutePath().normalize();
        // an empty secure_file_priv allows any file, as in MySQL
        if (!dir.toString().isEmpty() && !file.startsWith(root)) {
            throw new SqlException(ErrorCode.ER_OPTION_PREVENTS_STATEMENT, "--secure-file-priv");
        }
        return file;
    }

    /** Writes a new file: 1086 when it exists (MySQL never overwrites). */
    static void create(Path file, byte[] content) {
        try {
            Files.write(file, content, java.nio.file.StandardOpenOption.CREATE_NEW);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new SqlException(ErrorCode.ER_FILE_EXISTS_ERROR, file.toString());
        } catch (IOException e) {
            throw new SqlException(1, "HY000", "Can't create/write to file '" + file + "' (OS errno - " + e.getMessage() + ")");
        }
    }

    /** Reads a whole file: 29 when it does not exist. */
    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new SqlException(ErrorCode.ER_FILE_NOT_FOUND, file.toString());
        } catch (IOException e) {
            throw new SqlException(ErrorCode.ER_FILE_NOT_FOUND, file.toString());
        }
    }
}
