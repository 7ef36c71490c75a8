/**
 * The engine's SPI for external databases: databases whose tables live elsewhere (a remote MySQL,
 * for instance) but that clients see next to the local ones.
 *
 * <p>The engine knows nothing about how an external database is reached. A
 * {@link dev.basalt.engine.external.ExternalProvider} registered on the engine claims some
 * {@code CREATE DATABASE} names and turns them into an opaque spec string, which the catalog stores
 * with the database (and which may hold secrets: it is never shown). The provider opens a spec into
 * an {@link dev.basalt.engine.external.ExternalDatabase}, which lists tables and their columns,
 * scans a table with pushed-down {@link dev.basalt.engine.external.Predicate}s and runs statements
 * (DDL and DML) whose tables all live in it. The planner wraps an external table as one more join
 * input, so queries may mix local and external tables.
 */
package dev.basalt.engine.external;
