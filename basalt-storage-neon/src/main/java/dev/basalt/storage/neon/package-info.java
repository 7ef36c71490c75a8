/**
 * The compute side of disaggregated storage ({@link dev.basalt.storage.neon.NeonKvStore}): the
 * engine's key-value store over the replicated log (commits) and the page server (reads), with an
 * overlay of recent own commits and a bounded cache; no durable local state.
 */
package dev.basalt.storage.neon;
