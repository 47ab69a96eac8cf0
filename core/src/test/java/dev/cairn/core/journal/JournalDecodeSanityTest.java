package dev.cairn.core.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.journal.JournalEntry.HostCall;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Not a benchmark (no timing is asserted): a journal at its default entry limit loads and replays in one go. */
class JournalDecodeSanityTest {
  @Test
  void aHundredThousandSmallEntriesLoadAndReplay() {
    int entries = JournalLimits.ENTRIES_MAX_DEFAULT;
    List<byte[]> stored = new ArrayList<>(entries);
    stored.add(JournalCodec.DEFAULT.encode(JournalTest.started(0), 0));
    for (int seq = 0; seq < entries - 2; seq++) {
      HostCall call = new HostCall(seq, "kv.get", Bytes.utf8("key-" + seq), new Outcome.Value(Bytes.utf8("v")), seq, 7);
      stored.add(JournalCodec.DEFAULT.encode(call, stored.size()));
    }
    stored.add(JournalCodec.DEFAULT.encode(new JournalEntry.Completed(Bytes.utf8("ok"), entries), stored.size()));

    Journal journal = Journal.fromEncoded(stored);
    Replayer replayer = new Replayer(journal);
    for (int seq = 0; seq < entries - 2; seq++) {
      assertThat(replayer.next("kv.get", Bytes.utf8("key-" + seq))).isEqualTo(new Outcome.Value(Bytes.utf8("v")));
    }
    replayer.finish(Bytes.utf8("ok"));

    assertThat(journal.size()).isEqualTo(entries);
    assertThat(replayer.remaining()).isEmpty();
  }
}
