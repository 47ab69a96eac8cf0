package dev.cairn.core.entity;

/**
 * How many live instances of one entity (or workflow) class a node keeps in memory, and how their
 * alarms are retried. An evicted instance holds nothing but its rows in storage; the next event
 * re-creates it transparently.
 *
 * @param instancesMax live instances at most; past it the least recently used idle one is evicted
 * @param cacheBytesMax bytes of cached storage values (keys, values and a per-entry overhead) across
 *     the class's live instances; past it idle instances are evicted, least recently used first
 * @param idleMs an instance with nothing running, queued or unwritten for this long is evicted
 * @param alarmRetriesMax times a failing alarm handler is retried before the alarm is dropped
 * @param alarmRetryBaseMs the first retry's delay; each next one doubles it
 */
public record InstanceLimits(int instancesMax, long cacheBytesMax, long idleMs, int alarmRetriesMax, long alarmRetryBaseMs) {
  /** 10,000 instances, 64 MiB of cached values, 30 s idle, 6 alarm retries from 2 s (Durable Objects' defaults). */
  public static final InstanceLimits DEFAULTS = new InstanceLimits(10_000, 64L * 1024 * 1024, 30_000, 6, 2_000);

  public InstanceLimits {
    if (instancesMax < 1) throw new IllegalArgumentException("instancesMax must be >= 1, got " + instancesMax);
    if (cacheBytesMax < 0) throw new IllegalArgumentException("cacheBytesMax must be >= 0, got " + cacheBytesMax);
    if (idleMs < 1) throw new IllegalArgumentException("idleMs must be >= 1, got " + idleMs);
    if (alarmRetriesMax < 0) throw new IllegalArgumentException("alarmRetriesMax must be >= 0, got " + alarmRetriesMax);
    if (alarmRetryBaseMs < 1) throw new IllegalArgumentException("alarmRetryBaseMs must be >= 1, got " + alarmRetryBaseMs);
  }

  public InstanceLimits withInstancesMax(long v) { return new InstanceLimits(Math.toIntExact(v), cacheBytesMax, idleMs, alarmRetriesMax, alarmRetryBaseMs); }
  public InstanceLimits withCacheBytesMax(long v) { return new InstanceLimits(instancesMax, v, idleMs, alarmRetriesMax, alarmRetryBaseMs); }
  public InstanceLimits withIdleMs(long v) { return new InstanceLimits(instancesMax, cacheBytesMax, v, alarmRetriesMax, alarmRetryBaseMs); }
  public InstanceLimits withAlarmRetriesMax(long v) { return new InstanceLimits(instancesMax, cacheBytesMax, idleMs, Math.toIntExact(v), alarmRetryBaseMs); }
  public InstanceLimits withAlarmRetryBaseMs(long v) { return new InstanceLimits(instancesMax, cacheBytesMax, idleMs, alarmRetriesMax, v); }
}
