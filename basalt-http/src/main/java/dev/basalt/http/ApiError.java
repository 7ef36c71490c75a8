package dev.basalt.http;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;

/**
 * An error answered as {@code {"error": {"code", "sqlstate", "message"}}} with an HTTP status.
 * SQL errors keep MySQL's number and SQLSTATE; HTTP-level errors (unknown path, bad JSON, no query)
 * carry the MySQL error closest to them (see {@link #http}), so every answer has a real number.
 */
public final class ApiError extends RuntimeException {

    /** MySQL 8's error for max_execution_time, which the statement timeout stands for. */
    static final int QUERY_TIMEOUT = 3024;

    private final int status;
    private final int code;
    private final String sqlState;
    /** Which statement of a batch failed; -1 outside batches. */
    private int statementIndex = -1;

    public ApiError(int status, int code, String sqlState, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.sqlState = sqlState;
    }

    /**
     * An HTTP-level error told with the MySQL error a client of the wire protocol would get for the
     * same mistake: unknown path or method = 1047 unknown command (08S01); no SQL text = 1065 empty
     * query (42000); a request field of the wrong shape = 1210 wrong arguments (HY000); a body that
     * is not JSON = 3141 invalid JSON text in argument (22032). The message is the request's own.
     */
    public static ApiError http(int status, ErrorCode error, String message) {
        return new ApiError(status, error.code(), error.sqlState(), message);
    }

    public static ApiError of(SqlException e) {
        return new ApiError(statusFor(e.errorCode()), e.errorCode(), e.sqlState(), e.getMessage());
    }

    static ApiError timeout() {
        return new ApiError(503, QUERY_TIMEOUT, "HY000",
                "Query execution was interrupted, maximum statement execution time exceeded");
    }

    /** The HTTP status that tells a client what to do about a MySQL error. */
    static int statusFor(int code) {
        return switch (code) {
            case 1045 -> 401;                           // access denied (login)
            case 1044, 1142, 1143, 1227, 1370 -> 403;   // no privilege for the database, table, column, operation
            case 1213, 1205 -> 409;                     // deadlock, lock wait timeout: retry the transaction
            case 1153 -> 413;                           // bigger than max_allowed_packet
            case 1040, 1053, QUERY_TIMEOUT -> 503;      // too many connections, shutting down, timed out
            case 1105 -> 500;                           // unknown (internal) error
            default -> 400;
        };
    }

    /** Marks the batch statement that failed (the index is in the answer). */
    ApiError atStatement(int index) {
        statementIndex = index;
        return this;
    }

    public int statementIndex() { return statementIndex; }

    public int status() { return status; }

    public int code() { return code; }

    public String sqlState() { return sqlState; }
}
