package dev.basalt.pageserver;

/**
 * A timeline as ListBranches shows it. {@code parent} is null for a root timeline ("main");
 * a branch's LSN 0 is its parent's state at {@code branchLsn}, and its own log starts at LSN 1.
 */
public record BranchInfo(String name, String parent, long branchLsn, long appliedLsn, long diskConsistentLsn, long gcHorizon) {}
