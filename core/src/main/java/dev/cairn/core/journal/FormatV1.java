package dev.cairn.core.journal;

import dev.cairn.core.journal.JournalEntry.Completed;
import dev.cairn.core.journal.JournalEntry.Failed;
import dev.cairn.core.journal.JournalEntry.HostCall;
import dev.cairn.core.journal.JournalEntry.Resumed;
import dev.cairn.core.journal.JournalEntry.Started;
import dev.cairn.core.journal.JournalEntry.Suspended;

/**
 * Version 1 of the entry format: the kind byte and the payload (the frame around them, version byte
 * and checksum, is {@link JournalCodec}'s). The field order below is the format; it never changes.
 * A change is a new class {@code FormatV2} and a new case in {@link JournalCodec#decode}, and this
 * class keeps reading what was written with it. The golden vector in the tests guards it.
 */
final class FormatV1 {
  static final int VERSION = 1;

  static final int STARTED = 1;
  static final int HOST_CALL = 2;
  static final int COMPLETED = 3;
  static final int FAILED = 4;
  static final int SUSPENDED = 5;
  static final int RESUMED = 6;

  static final int OUTCOME_VALUE = 0;
  static final int OUTCOME_ERROR = 1;

  private FormatV1() {}

  static void write(JournalEntry entry, ByteWriter out) {
    switch (entry) {
      case Started s -> {
        out.writeByte(STARTED);
        out.writeString(s.invocationId());
        out.writeString(s.target());
        out.writeString(s.kind());
        out.writeBytes(s.input());
        out.writeString(s.codeVersion());
        out.writeSignedVarint(s.seed());
        out.writeSignedVarint(s.timeMs());
      }
      case HostCall h -> {
        out.writeByte(HOST_CALL);
        out.writeVarint(h.seq());
        out.writeString(h.op());
        out.writeBytes(h.args());
        switch (h.outcome()) {
          case Outcome.Value v -> {
            out.writeByte(OUTCOME_VALUE);
            out.writeBytes(v.result());
          }
          case Outcome.Error e -> {
            out.writeByte(OUTCOME_ERROR);
            out.writeString(e.code());
            out.writeString(e.message());
          }
        }
        out.writeSignedVarint(h.startMs());
        out.writeVarint(h.durationUs());
      }
      case Completed c -> {
        out.writeByte(COMPLETED);
        out.writeBytes(c.output());
        out.writeSignedVarint(c.timeMs());
      }
      case Failed f -> {
        out.writeByte(FAILED);
        out.writeString(f.code());
        out.writeString(f.message());
        out.writeString(f.stack());
        out.writeSignedVarint(f.timeMs());
      }
      case Suspended s -> {
        out.writeByte(SUSPENDED);
        out.writeString(s.reason());
        out.writeSignedVarint(s.timeMs());
      }
      case Resumed r -> {
        out.writeByte(RESUMED);
        out.writeSignedVarint(r.timeMs());
      }
    }
  }

  static JournalEntry read(ByteReader in) {
    int kind = in.readByte("kind");
    JournalEntry entry = switch (kind) {
      case STARTED -> new Started(
          in.readString("invocationId"),
          in.readString("target"),
          in.readString("kind"),
          in.readBytes("input"),
          in.readString("codeVersion"),
          in.readSignedVarint("seed"),
          in.readSignedVarint("timeMs"));
      case HOST_CALL -> readHostCall(in);
      case COMPLETED -> new Completed(in.readBytes("output"), in.readSignedVarint("timeMs"));
      case FAILED -> new Failed(
          in.readString("code"), in.readString("message"), in.readString("stack"), in.readSignedVarint("timeMs"));
      case SUSPENDED -> new Suspended(in.readString("reason"), in.readSignedVarint("timeMs"));
      case RESUMED -> new Resumed(in.readSignedVarint("timeMs"));
      default -> throw in.malformed(String.format("unknown entry kind 0x%02x in format version %d", kind, VERSION));
    };
    in.expectEnd();
    return entry;
  }

  private static HostCall readHostCall(ByteReader in) {
    int seq = in.readInt("seq");
    String op = in.readString("op");
    if (op.isEmpty()) throw in.malformed("op is empty");
    Bytes args = in.readBytes("args");
    int tag = in.readByte("outcome");
    Outcome outcome = switch (tag) {
      case OUTCOME_VALUE -> new Outcome.Value(in.readBytes("result"));
      case OUTCOME_ERROR -> new Outcome.Error(in.readString("error code"), in.readString("error message"));
      default -> throw in.malformed(String.format("unknown outcome tag 0x%02x", tag));
    };
    long startMs = in.readSignedVarint("startMs");
    long durationUs = in.readVarint("durationUs");
    if (durationUs < 0) throw in.malformed("durationUs " + Long.toUnsignedString(durationUs) + " is out of range");
    return new HostCall(seq, op, args, outcome, startMs, durationUs);
  }
}
