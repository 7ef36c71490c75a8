/**
 * The WAL service role of disaggregated storage: three safekeepers replicate each timeline's log of
 * commit records with Apache Ratis (Raft), acknowledging a record once two of three have it fsynced.
 *
 * <ul>
 *   <li>{@link dev.basalt.safekeeper.Safekeeper}: one running node (the {@code basalt safekeeper} command).</li>
 *   <li>{@link dev.basalt.safekeeper.WalStateMachine}: what a node applies: per timeline, the ordered
 *       records and the current writer's epoch (fencing); persisted with snapshots.</li>
 *   <li>{@link dev.basalt.safekeeper.SafekeeperWalLog}: the client, a {@link dev.basalt.disagg.WalLog}.</li>
 * </ul>
 */
package dev.basalt.safekeeper;
