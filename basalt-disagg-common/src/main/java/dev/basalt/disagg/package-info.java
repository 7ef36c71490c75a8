/**
 * The contract between the roles of disaggregated storage (see docs/disaggregated.md): the compute
 * (basalt-storage-neon) appends commit records to a replicated log (basalt-safekeeper) and reads
 * key-value versions at a log position from the page server (basalt-pageserver).
 *
 * <p>Only the shapes live here: the log record format ({@link dev.basalt.disagg.CommitRecord}),
 * the client-side interfaces ({@link dev.basalt.disagg.WalLog}, {@link dev.basalt.disagg.PageReader})
 * and small in-memory implementations that tests of one role use in place of the others. No role
 * depends on another role's module, only on this one.
 */
package dev.basalt.disagg;
