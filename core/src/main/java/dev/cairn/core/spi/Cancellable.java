package dev.cairn.core.spi;

/** A scheduled task that can be cancelled; cancelling twice or after it ran is harmless. */
@FunctionalInterface
public interface Cancellable {
  void cancel();
}
