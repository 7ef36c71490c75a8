package dev.basalt.engine.storage.kv;

/**
 * A storage failure. The engine maps the kind to the MySQL error a client sees
 * (DISK_FULL -> 1021, IO -> 1030, ...). After one, the store stays consistent and usable.
 */
public class StorageException extends RuntimeException {

    public enum Kind { DISK_FULL, IO, PERMISSION, LOCKED, FORMAT, CLOSED, OTHER }

    private final Kind kind;

    public StorageException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public StorageException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() { return kind; }
}
