package dev.basalt.server;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Creates the lmdb data directory on first start, with an error a user can act on. */
final class DataDirectory {

    private DataDirectory() {}

    /** @return the absolute, normalised directory, which exists */
    static Path prepare(Path dataDir) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        if (Files.isDirectory(dir)) return dir;
        try {
            return Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("cannot use " + dir + " as the data directory: "
                    + (e.getFile() != null ? e.getFile() : dir) + " exists and is not a directory", e);
        } catch (AccessDeniedException e) {
            throw new IOException("cannot create the data directory " + dir + ": permission denied"
                    + (e.getFile() != null && !e.getFile().equals(dir.toString()) ? " on " + e.getFile() : ""), e);
        } catch (IOException e) {
            throw new IOException("cannot create the data directory " + dir + ": " + e, e);
        }
    }
}
