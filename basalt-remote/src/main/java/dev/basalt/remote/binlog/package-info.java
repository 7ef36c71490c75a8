/**
 * Binlog-driven invalidation of the remote result cache: a background replica of the remote
 * (registered with its own server id) streams the remote's binary log and bumps the cache's
 * version of every table a row event or DDL names, so writes made directly on the remote, by other
 * applications, stop cached results too. While the stream is down or stalled the cache is
 * bypassed. The replication protocol is spoken by mysql-binlog-connector-java (see docs/remote.md).
 */
package dev.basalt.remote.binlog;
