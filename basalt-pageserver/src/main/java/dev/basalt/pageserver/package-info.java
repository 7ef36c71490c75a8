/**
 * The page server role of disaggregated storage (docs/disaggregated.md, "Page server"): tails each
 * timeline's log, keeps key-value versions in memory and in immutable layer files on object storage,
 * and serves reads at an LSN over gRPC. {@link dev.basalt.pageserver.PageServer} is the in-process
 * API, {@link dev.basalt.pageserver.GrpcPageReader} the client computes use.
 */
package dev.basalt.pageserver;
