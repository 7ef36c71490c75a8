/**
 * The LMDB key-value engine, Basalt's default crash-safe storage. Entry point:
 * {@link dev.basalt.storage.lmdb.LmdbKvStore#open(java.nio.file.Path, dev.basalt.storage.lmdb.LmdbOptions)}.
 *
 * <p>Layout: {@code LmdbKvStore} (API, open/close), {@code LmdbEnvironment} (env, databases,
 * format checks and migration), {@code GroupCommitWriter} (the single writer thread),
 * {@code LmdbSnapshot}/{@code LmdbCursor}/{@code ReaderPool} (reads), {@code MapGate} (keeps
 * readers out of the map while it is remapped), {@code DataDirLock} (one server per directory),
 * {@code LmdbErrors} (errno to {@link dev.basalt.engine.storage.kv.StorageException}).
 */
package dev.basalt.storage.lmdb;
