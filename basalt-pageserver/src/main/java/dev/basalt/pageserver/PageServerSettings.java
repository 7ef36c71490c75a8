package dev.basalt.pageserver;

import java.time.Duration;

/**
 * Tuning of the page server.
 *
 * @param checkpointBytes    freeze the in-memory layer into a delta layer file once it holds this much
 * @param checkpointInterval ... or once it is this old (so the last uploaded LSN keeps up on a quiet timeline)
 * @param compactionThreshold merge the delta layers above the newest image once there are this many
 * @param imageIntervalLsns  write an image layer once this many LSNs were flushed since the newest one
 * @param gcRetentionLsns    keep every version needed to read at the newest this-many LSNs (the PITR
 *                           window); older versions go unless a branch point needs them
 * @param readWait           how long a read at a not-yet-applied LSN waits for ingest before failing
 * @param attachLease        a timeline served a read (a compute's Get, Scan or applied-LSN poll) this
 *                           recently counts as attached: its branch cannot be deleted
 */
public record PageServerSettings(long checkpointBytes, Duration checkpointInterval, int compactionThreshold,
                                 long imageIntervalLsns, long gcRetentionLsns, Duration readWait,
                                 Duration attachLease) {

    public static PageServerSettings defaults() {
        return new PageServerSettings(16L << 20, Duration.ofSeconds(10), 8, 20_000, 100_000, Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    public PageServerSettings withCheckpointBytes(long v) {
        return new PageServerSettings(v, checkpointInterval, compactionThreshold, imageIntervalLsns, gcRetentionLsns, readWait, attachLease);
    }

    public PageServerSettings withCheckpointInterval(Duration v) {
        return new PageServerSettings(checkpointBytes, v, compactionThreshold, imageIntervalLsns, gcRetentionLsns, readWait, attachLease);
    }

    public PageServerSettings withCompactionThreshold(int v) {
        return new PageServerSettings(checkpointBytes, checkpointInterval, v, imageIntervalLsns, gcRetentionLsns, readWait, attachLease);
    }

    public PageServerSettings withImageIntervalLsns(long v) {
        return new PageServerSettings(checkpointBytes, checkpointInterval, compactionThreshold, v, gcRetentionLsns, readWait, attachLease);
    }

    public PageServerSettings withGcRetentionLsns(long v) {
        return new PageServerSettings(checkpointBytes, checkpointInterval, compactionThreshold, imageIntervalLsns, v, readWait, attachLease);
    }

    public PageServerSettings withReadWait(Duration v) {
        return new PageServerSettings(checkpointBytes, checkpointInterval, compactionThreshold, imageIntervalLsns, gcRetentionLsns, v, attachLease);
    }

    public PageServerSettings withAttachLease(Duration v) {
        return new PageServerSettings(checkpointBytes, checkpointInterval, compactionThreshold, imageIntervalLsns, gcRetentionLsns, readWait, v);
    }
}
