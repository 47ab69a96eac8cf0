package dev.cairn.core.journal;

import dev.cairn.core.journal.JournalEntry.HostCall;
import dev.cairn.core.journal.JournalEntry.Started;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The record of one invocation: its entries in order, each with its encoded frame. Append-only, and
 * checked on every append, always, whether the entry comes live from the host or from storage
 * ({@link #fromEncoded}):
 *
 * <ul>
 *   <li>the first entry is {@code Started}, and only the first;
 *   <li>host calls are numbered 0, 1, 2, ... without gaps;
 *   <li>nothing follows {@code Completed} or {@code Failed};
 *   <li>{@code Suspended} and {@code Resumed} alternate, and nothing but {@code Resumed} follows {@code Suspended};
 *   <li>times never go backwards;
 *   <li>at most {@link JournalLimits#entriesMax} entries of at most {@link JournalLimits#bytesMax}
 *       encoded bytes together, each at most {@link JournalLimits#entryBytesMax}.
 * </ul>
 *
 * A rejected append changes nothing. Not thread-safe: callers serialize their appends (an invocation's
 * host calls complete on several threads; its recorder holds the lock).
 * The lists it returns are read-only views that grow with the journal.
 */
public final class Journal {
  private final JournalLimits limits;
  private final JournalCodec codec;
  private final List<JournalEntry> entries = new ArrayList<>();
  private final List<Bytes> encoded = new ArrayList<>();
  private final List<HostCall> hostCalls = new ArrayList<>();
  private JournalLifecycle lifecycle = JournalLifecycle.INITIAL;
  /** Seqs of the host calls recorded so far: each may appear once. */
  private final java.util.BitSet seqs = new java.util.BitSet();
  private long encodedBytes;

  private Journal(JournalLimits limits) {
    this.limits = limits;
    this.codec = new JournalCodec(limits.entryBytesMax());
  }

  /** A journal whose first entry is {@code started}, within the default limits. */
  public static Journal begin(Started started) {
    return begin(started, JournalLimits.DEFAULTS);
  }

  public static Journal begin(Started started, JournalLimits limits) {
    Journal journal = new Journal(limits);
    journal.append(started);
    return journal;
  }

  /** Decodes and checks stored entries, in order; fails on the first bad one, naming it. */
  public static Journal fromEncoded(List<byte[]> encodedEntries) {
    return fromEncoded(encodedEntries, JournalLimits.DEFAULTS);
  }

  public static Journal fromEncoded(List<byte[]> encodedEntries, JournalLimits limits) {
    if (encodedEntries.isEmpty()) {
      throw JournalException.invariant(0, "the journal is empty; the first entry must be Started");
    }
    if (encodedEntries.size() > limits.entriesMax()) {
      throw JournalException.limitExceeded(limits.entriesMax(), "entriesMax", limits.entriesMax(), encodedEntries.size());
    }
    Journal journal = new Journal(limits);
    for (byte[] bytes : encodedEntries) {
      int index = journal.size();
      JournalEntry entry = journal.codec.decode(bytes, index);
      journal.add(entry, journal.lifecycle.after(entry, index), Bytes.of(bytes), index);
    }
    return journal;
  }

  /**
   * Checks and appends {@code entry}.
   *
   * @return its encoded frame, as storage should keep it
   * @throws JournalException {@code journal_invariant} or {@code journal_limit_exceeded}; the journal is unchanged
   */
  public Bytes append(JournalEntry entry) {
    int index = entries.size();
    JournalLifecycle next = lifecycle.after(entry, index); // before the cost of encoding
    Bytes frame = Bytes.wrap(codec.encode(entry, index));
    add(entry, next, frame, index);
    return frame;
  }

  /** Checks the limits and that a host call's seq is new, then commits: nothing changes unless everything holds. */
  private void add(JournalEntry entry, JournalLifecycle next, Bytes frame, int index) {
    if (entry instanceof HostCall call && seqs.get(call.seq())) {
      throw JournalException.invariant(index, "host call seq " + call.seq() + " was already recorded");
    }
    if (index + 1 > limits.entriesMax()) {
      throw JournalException.limitExceeded(index, "entriesMax", limits.entriesMax(), index + 1L);
    }
    if (encodedBytes + frame.size() > limits.bytesMax()) {
      throw JournalException.limitExceeded(index, "bytesMax", limits.bytesMax(), encodedBytes + frame.size());
    }
    entries.add(entry);
    encoded.add(frame);
    if (entry instanceof HostCall call) {
      hostCalls.add(call);
      seqs.set(call.seq());
    }
    encodedBytes += frame.size();
    lifecycle = next;
  }

  /** The first entry. */
  public Started started() {
    return (Started) entries.getFirst();
  }

  /** The host calls in completion order (journal order); their seqs say the order they were issued in. */
  public List<HostCall> hostCalls() {
    return Collections.unmodifiableList(hostCalls);
  }

  /** How the invocation ended, or empty while it runs or waits. */
  public Optional<JournalEntry.End> outcome() {
    return entries.getLast() instanceof JournalEntry.End end ? Optional.of(end) : Optional.empty();
  }

  /** True while a workflow waits: the last entry is {@code Suspended}. */
  public boolean isSuspended() {
    return lifecycle.phase() == JournalLifecycle.Phase.SUSPENDED;
  }

  public List<JournalEntry> entries() {
    return Collections.unmodifiableList(entries);
  }

  public JournalEntry entry(int index) {
    return entries.get(index);
  }

  /** The encoded frame of entry {@code index}, as {@link JournalCodec} wrote it. */
  public Bytes encoded(int index) {
    return encoded.get(index);
  }

  public int size() {
    return entries.size();
  }

  /** Encoded bytes of all entries together, checked against {@link JournalLimits#bytesMax}. */
  public long encodedBytes() {
    return encodedBytes;
  }

  public JournalLimits limits() {
    return limits;
  }
}
