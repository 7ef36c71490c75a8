package dev.basalt.server;

import java.nio.file.Path;

/**
 * Where statements may touch files: {@code secureFilePriv} is the only directory SELECT ... INTO
 * OUTFILE / DUMPFILE and LOAD DATA INFILE may use on the server (null refuses them, MySQL's 1290);
 * {@code localInfile} allows LOAD DATA LOCAL INFILE (the engine's local_infile, settable later
 * with SET GLOBAL).
 */
public record FileAccessSettings(Path secureFilePriv, boolean localInfile) {
    /** MySQL 8's defaults here: no server files, no LOCAL. */
    public static final FileAccessSettings DEFAULT = new FileAccessSettings(null, false);
}
