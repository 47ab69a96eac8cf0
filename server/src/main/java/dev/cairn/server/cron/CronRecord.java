package dev.cairn.server.cron;

import java.util.Locale;
import java.util.Optional;

/**
 * What is stored for one (service, expression): the slot due next and whether its handler has
 * been started. Encoded as one versioned line, {@code v1 pending 1735689600000 0}.
 *
 * @param nextMs the scheduled time of the slot due next, epoch ms
 * @param state {@link State#PENDING} until the handler starts, {@link State#RUNNING} from then on
 * @param starts how many times this slot's handler started without its completion being recorded
 */
record CronRecord(long nextMs, State state, int starts) {
  enum State { PENDING, RUNNING }

  private static final String VERSION = "v1";

  static CronRecord pending(long nextMs) {
    return new CronRecord(nextMs, State.PENDING, 0);
  }

  /** This slot again, marked as started once more. */
  CronRecord started() {
    return new CronRecord(nextMs, State.RUNNING, starts + 1);
  }

  String encode() {
    return VERSION + " " + state.name().toLowerCase(Locale.ROOT) + " " + nextMs + " " + starts;
  }

  /** The record in {@code text}, or empty when it is not one this version wrote. */
  static Optional<CronRecord> decode(String text) {
    String[] parts = text.split(" ");
    if (parts.length != 4 || !parts[0].equals(VERSION)) {
      return Optional.empty();
    }
    try {
      State state = switch (parts[1]) {
        case "pending" -> State.PENDING;
        case "running" -> State.RUNNING;
        default -> throw new IllegalArgumentException(parts[1]);
      };
      int starts = Integer.parseInt(parts[3]);
      return starts < 0 ? Optional.empty() : Optional.of(new CronRecord(Long.parseLong(parts[2]), state, starts));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
