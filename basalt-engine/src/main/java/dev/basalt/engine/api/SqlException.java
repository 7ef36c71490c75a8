package dev.basalt.engine.api;

/**
 * An error a client sees: MySQL's error number, its SQLSTATE and the message text.
 * Unchecked, because it crosses iterators and lambdas in the executor; the protocol layer
 * turns it into an ERR packet and keeps the connection open.
 */
public class SqlException extends RuntimeException {
    private final int errorCode;
    private final String sqlState;

    public SqlException(int errorCode, String sqlState, String message) {
        super(message);
        this.errorCode = errorCode;
        this.sqlState = sqlState;
    }

    public SqlException(int errorCode, String sqlState, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
        this.sqlState = sqlState;
    }

    public SqlException(ErrorCode code, Object... args) {
        this(code.code(), code.sqlState(), code.format(args));
    }

    public int errorCode() { return errorCode; }

    public String sqlState() { return sqlState; }
}
