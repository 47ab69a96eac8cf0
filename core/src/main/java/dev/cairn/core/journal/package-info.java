/**
 * The journal: the record of one invocation, and the spine of replay (DESIGN.md §3–4).
 *
 * <p>Every source of non-determinism reaches a handler through the host, and every host call is
 * one {@link dev.cairn.core.journal.JournalEntry.HostCall} entry: op, arguments, outcome. With the
 * {@code Started} entry (input, code version, seed) and the end ({@code Completed} or {@code
 * Failed}), that is all a re-run needs: {@link dev.cairn.core.journal.Replayer} answers the calls
 * from the journal instead of the world, and reports the first place the code does otherwise. A
 * workflow's journal is its state: after a crash or eviction it is rebuilt by replay.
 *
 * <ul>
 *   <li>{@link dev.cairn.core.journal.JournalEntry}: the entries, a sealed interface of records.
 *   <li>{@link dev.cairn.core.journal.Journal}: one invocation's entries, append-only, invariants checked on
 *       every append and on every load.
 *   <li>{@link dev.cairn.core.journal.JournalCodec}: an entry to bytes and back.
 *   <li>{@link dev.cairn.core.journal.Replayer}, {@link dev.cairn.core.journal.Divergence}: replay and its verdict.
 *   <li>{@link dev.cairn.core.journal.JournalException}: every error, with a stable code.
 * </ul>
 *
 * <h2>Format, version 1</h2>
 *
 * Each entry is stored as its own frame (storage keeps the frames in order; the frame has no length
 * of its own):
 *
 * <table>
 *   <caption>An encoded entry</caption>
 *   <tr><th>bytes</th><th>what</th></tr>
 *   <tr><td>1</td><td>format version, {@code 0x01}</td></tr>
 *   <tr><td>1</td><td>kind: {@code 01} Started, {@code 02} HostCall, {@code 03} Completed, {@code 04} Failed,
 *       {@code 05} Suspended, {@code 06} Resumed</td></tr>
 *   <tr><td>n</td><td>payload: the kind's fields in order (see {@code FormatV1})</td></tr>
 *   <tr><td>4</td><td>CRC32C of all bytes before it, little-endian</td></tr>
 * </table>
 *
 * <table>
 *   <caption>Payload fields</caption>
 *   <tr><th>field type</th><th>encoding</th></tr>
 *   <tr><td>unsigned ({@code seq}, {@code durationUs}, lengths)</td><td>LEB128 varint, shortest form only</td></tr>
 *   <tr><td>signed ({@code seed}, times)</td><td>zigzag, then LEB128</td></tr>
 *   <tr><td>bytes</td><td>varint length, then the bytes</td></tr>
 *   <tr><td>string</td><td>varint length, then well-formed UTF-8</td></tr>
 *   <tr><td>outcome</td><td>{@code 00} then result bytes, or {@code 01} then code and message strings</td></tr>
 * </table>
 *
 * <p>Started: invocationId, target, kind, input, codeVersion, seed, timeMs. HostCall: seq, op, args,
 * outcome, startMs, durationUs. Completed: output, timeMs. Failed: code, message, stack, timeMs.
 * Suspended: reason, timeMs. Resumed: timeMs. Every value has exactly one encoding, so {@code
 * encode(decode(bytes))} gives back the same bytes.
 *
 * <h2>Why CRC32C</h2>
 *
 * It catches what storage does to bytes (a flipped bit, a torn or cut write: every error burst of up
 * to 32 bits is caught) at a few bytes per entry, and the JDK computes it with the CPU's CRC
 * instruction ({@link java.util.zip.CRC32C}), so checking every entry on every read costs little.
 * It is a check against accidents, not an attacker; signing journals would be a separate layer.
 * The decoder verifies it before it reads any field, and never returns an entry that failed it.
 *
 * <h2>What not to do</h2>
 *
 * <ul>
 *   <li>Never change an encoding in place, not even "compatibly": stored journals would replay
 *       differently or not at all. Add {@code FormatV2}, write it, and keep {@code FormatV1}
 *       reading. {@code golden-v1.hex} in the tests fails the build if v1 changes; do not edit it.
 *   <li>Never match entries with {@code default}: a new kind must fail to compile where it is not handled.
 *   <li>Never skip the checks on load because the bytes came from our own storage: a journal read
 *       back goes through the same invariants as one being written.
 *   <li>No clock, randomness or I/O here: times and seeds arrive as values in the entries.
 * </ul>
 */
package dev.cairn.core.journal;
