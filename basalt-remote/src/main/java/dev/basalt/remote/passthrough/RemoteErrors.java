package dev.basalt.remote.passthrough;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;

/** The errors MySQL's FEDERATED engine uses for a foreign server that fails, as passthrough words them. */
final class RemoteErrors {
    private RemoteErrors() {}

    /** The remote cannot be reached or refused our login. */
    static SqlException cannotConnect(String detail) {
        return new SqlException(ErrorCode.ER_CONNECT_TO_FOREIGN_DATA_SOURCE, detail);
    }

    /** The remote went away (or broke the protocol) in the middle of a statement. */
    static SqlException queryFailed(String detail) {
        return new SqlException(ErrorCode.ER_QUERY_ON_FOREIGN_DATA_SOURCE, detail);
    }
}
