package dev.cairn.store.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class PackedEntriesTest {
  @Property(tries = 300)
  void packThenUnpackGivesTheSameEntries(@ForAll @Size(min = 1, max = 40) List<@Size(max = 300) byte[]> entries) {
    List<byte[]> out = new ArrayList<>();
    assertThat(PackedEntries.unpack(PackedEntries.pack(entries), entries.size(), out)).isTrue();
    assertThat(out).hasSameSizeAs(entries);
    for (int i = 0; i < entries.size(); i++) assertThat(out.get(i)).isEqualTo(entries.get(i));
  }

  @Test
  void aDamagedLengthReturnsTheRestAsOneEntryAndStops() {
    byte[] row = PackedEntries.pack(List.of(new byte[] {1, 2, 3}, new byte[] {4, 5}, new byte[] {6}));
    row[4] = 100; // the second entry's length now runs past the end
    List<byte[]> out = new ArrayList<>();

    assertThat(PackedEntries.unpack(row, 3, out)).isFalse();
    assertThat(out).hasSize(2);
    assertThat(out.get(0)).containsExactly(1, 2, 3);
    assertThat(out.get(1)).isEqualTo(Arrays.copyOfRange(row, 4, row.length));
  }

  @Test
  void trailingBytesAreReportedAsAnExtraEntry() {
    byte[] row = PackedEntries.pack(List.of(new byte[] {1}, new byte[] {2}));
    byte[] longer = Arrays.copyOf(row, row.length + 2);
    List<byte[]> out = new ArrayList<>();

    assertThat(PackedEntries.unpack(longer, 2, out)).isFalse();
    assertThat(out).hasSize(3);
  }

  @Test
  void lengthsAboveOneHundredAndTwentySevenTakeSeveralBytes() {
    byte[] big = new byte[70_000];
    big[69_999] = 9;
    byte[] row = PackedEntries.pack(List.of(big, new byte[] {7}));
    assertThat(row).hasSize(3 + 70_000 + 1 + 1);
    assertThat(PackedEntries.unpack(row, 2).get(0)).isEqualTo(big);
  }
}
