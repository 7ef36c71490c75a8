package dev.basalt.engine.api;

/**
 * The OUT / INOUT parameter values of a CALL executed as a prepared statement whose arguments
 * are placeholders: one row, a column per such parameter. The MySQL protocol sends it as a
 * result set flagged SERVER_PS_OUT_PARAMS, which drivers read into CallableStatement's OUT values.
 */
public interface OutParameterRows extends Result.Rows {
}
