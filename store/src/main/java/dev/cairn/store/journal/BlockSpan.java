package dev.cairn.store.journal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The widest span of id milliseconds ({@code max_id_ms - min_id_ms}) of any stored block: how far
 * before an id's milliseconds a lookup must search for the block holding it. Read from the file at
 * open, widened by the writer before each block's commit, read by the reader. It never narrows
 * (retention may delete the widest block; searching wider than needed is only slower).
 */
final class BlockSpan {
  private final AtomicLong widestMs;

  BlockSpan(long widestMs) {
    this.widestMs = new AtomicLong(Math.max(0, widestMs));
  }

  void widen(long spanMs) {
    widestMs.accumulateAndGet(spanMs, Math::max);
  }

  long widestMs() {
    return widestMs.get();
  }
}
