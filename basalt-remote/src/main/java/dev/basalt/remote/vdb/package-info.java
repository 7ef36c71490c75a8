/**
 * Virtual databases: a database clients see in Basalt whose tables live on a remote MySQL or
 * MariaDB server. {@link dev.basalt.remote.vdb.VirtualDatabaseProvider} is the engine's
 * {@code ExternalProvider}: it claims {@code CREATE DATABASE alias__remote__HOST__PORT__DB__USER__PASSWORD}
 * names ({@link dev.basalt.remote.vdb.VdbSpec}) and opens each spec as a
 * {@link dev.basalt.remote.vdb.RemoteDatabase}: a bounded HikariCP pool of MariaDB Connector/J
 * connections, a metadata cache, scans with pushed-down filters, and statement forwarding.
 */
package dev.basalt.remote.vdb;
