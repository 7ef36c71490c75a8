package dev.basalt.remote.binlog;

import java.util.Set;

/** What the binlog tells a result cache: the cache decides how (passthrough and virtual databases key tables differently). */
public interface Invalidation {
    /** Rows of these tables changed ({@code StatementAnalysis.key} form: schema, U+0000, table; lower case). */
    void tables(Set<String> keys);

    /** Anything may have changed: an event Basalt cannot attribute, a gap in the stream, a reconnect. */
    void all();

    /** DDL ran on the remote: views, triggers and cascades must be learnt again. */
    void schemaChanged();
}
