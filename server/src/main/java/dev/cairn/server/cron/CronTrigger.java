package dev.cairn.server.cron;

import dev.cairn.core.cron.CronExpression;

/** One expression of one service: the unit the {@link CronRunner} stores a record and a timer for. */
record CronTrigger(String service, CronExpression expression) {
  String source() {
    return expression.source();
  }

  /** Storage key of this trigger's record: {@code service|expression}. */
  String key() {
    return CronIndex.recordKey(service, source());
  }

  @Override
  public String toString() {
    return service + " \"" + source() + "\"";
  }
}
