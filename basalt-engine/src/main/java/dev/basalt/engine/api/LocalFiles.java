package dev.basalt.engine.api;

/**
 * The client's side of LOAD DATA LOCAL INFILE, given to a session by the protocol: asks the
 * client for a file on its machine (MySQL's LOCAL INFILE request) and returns its bytes.
 */
@FunctionalInterface
public interface LocalFiles {
    /**
     * The content of the client's file {@code name}.
     * @throws SqlException when the client refuses or cannot read it
     */
    byte[] read(String name);
}
