package dev.basalt.remote.passthrough;

import dev.basalt.engine.api.SqlException;

/** The errors MySQL's FEDERATED engine uses for a foreign server that fails, with its numbers. */
final class RemoteErrors {
    private RemoteErrors() {}

    static final int ER_CONNECT_TO_FOREIGN_DATA_SOURCE = 1429;
    static final int ER_QUERY_ON_FOREIGN_DATA_SOURCE = 1430;

    /** The remote cannot be reached or refused our login. */
    static SqlException cannotConnect(String detail) {
        return new SqlException(ER_CONNECT_TO_FOREIGN_DATA_SOURCE, "HY000",
                "Unable to connect to foreign data source: " + detail);
    }

    /** The remote went away (or broke the protocol) in the middle of a statement. */
    static SqlException queryFailed(String detail) {
        return new SqlException(ER_QUERY_ON_FOREIGN_DATA_SOURCE, "HY000",
                "There was a problem processing the query on the foreign data source. Data source error: " + detail);
    }
}
