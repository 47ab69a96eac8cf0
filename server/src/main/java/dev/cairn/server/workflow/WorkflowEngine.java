package dev.cairn.server.workflow;

import dev.cairn.core.CairnException;
import dev.cairn.core.InvocationIds;
import dev.cairn.core.Json;
import dev.cairn.core.entity.DueAlarm;
import dev.cairn.core.entity.EntityAddress;
import dev.cairn.core.entity.InstanceLimits;
import dev.cairn.core.entity.ListOptions;
import dev.cairn.core.entity.WriteBatch;
import dev.cairn.core.journal.Bytes;
import dev.cairn.core.journal.Journal;
import dev.cairn.core.journal.JournalEntry;
import dev.cairn.core.manifest.ClassSpec;
import dev.cairn.core.spi.EntityStore;
import dev.cairn.core.spi.JournalStore;
import dev.cairn.core.spi.Ports;
import dev.cairn.core.workflow.WorkflowLimits;
import dev.cairn.js.AlarmTarget;
import dev.cairn.js.HostServices;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * The workflows of one class: creating instances, running them, parking them while they wait, and
 * waking them — on a timer, an event or after a crash — by replaying their journal.
 *
 * <p><b>What is stored.</b> Per instance, an entity of namespace {@code workflow:<Class>} (id = the
 * instance id) in the entity store: {@code meta} ({@link WorkflowMeta}), buffered events
 * {@code ev:<seq>}, and one alarm — the earliest deadline of its waits, or a crash lease while it
 * runs ({@link #LEASE_MS}: if the node dies, the lease comes due after the restart and the instance
 * is resumed). Its journal, in the journal store, is the record of everything it did; a waiting
 * instance holds nothing in memory.
 *
 * <p><b>Order.</b> All changes to one instance are serialized ({@link #serial}); work that touches
 * the JS run happens on the instance's event loop.
 */
public final class WorkflowEngine implements AlarmTarget, RunSupport, AutoCloseable {
  /** A running instance's alarm is at most this far ahead: a node that dies mid-run resumes it this soon after restart. */
  static final long LEASE_MS = 15_000;
  /** Waits shorter than this stay in memory with a timer instead of parking (a retry delay, a short sleep). */
  static final long LIVE_WAIT_MAX_MS = 1_000;
  /** At start, instances whose alarm is due by now plus this (crash leases included) are resumed at once. */
  public static final long RECOVERY_HORIZON_MS = LEASE_MS;
  /** Buffered events read per instance when a run starts. */
  static final int EVENTS_READ_MAX = 1_000;

  /** An event sent to an instance and not yet taken: its sequence number, type and JSON ({@code {type, payload, timestamp}}). */
  record BufferedEvent(long seq, String type, String json) {}

  private final ClassSpec spec;
  private final String namespace;
  private final dev.cairn.js.WorkflowRunner contexts;
  private final EntityStore store;
  private final JournalStore journals;
  private final HostServices outside;
  private final Ports ports;
  private final String codeVersion;
  private final WorkflowLimits limits;
  private final ConcurrentHashMap<String, Instance> instances = new ConcurrentHashMap<>();
  private volatile LongConsumer alarmListener = t -> {};
  /** The contexts of older code versions that instances started on (empty when that version was not kept). */
  private volatile java.util.function.Function<String, java.util.Optional<dev.cairn.js.WorkflowRunner>> olderCode =
      v -> java.util.Optional.empty();
  private volatile boolean closed;

  /** What the engine keeps of an instance it is working on: the run and the serial chain of its changes. */
  private static final class Instance {
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    WorkflowRun run;
    WorkflowMeta meta;
    int pendingOps;
    /** Ops queued or running: the instance stays in memory while any is (guarded by the map's per-key lock). */
    int users;
    /** The contexts its current run executes in (its code version's). */
    dev.cairn.js.WorkflowRunner runner;
    /** Events sent while a resume was reading the instance's buffer: the run it starts gets them too. */
    final List<BufferedEvent> lateEvents = new ArrayList<>();
  }

  public WorkflowEngine(ClassSpec spec, dev.cairn.js.WorkflowRunner contexts, EntityStore store, JournalStore journals, HostServices outside,
      Ports ports, String codeVersion, WorkflowLimits limits) {
    this.spec = spec;
    this.namespace = namespaceOf(spec.name());
    this.contexts = contexts;
    this.store = store;
    this.journals = journals;
    this.outside = outside;
    this.ports = ports;
    this.codeVersion = codeVersion;
    this.limits = limits;
  }

  /** Keeps the app's current code under {@code dataDir/code/<version>/}, for instances that start on it. */
  public static void keepCode(java.nio.file.Path appDir, java.nio.file.Path dataDir, String version) {
    CodeArchive.ensure(appDir, dataDir, version);
  }

  /** The kept code of {@code version}, if it was kept. */
  public static java.util.Optional<java.nio.file.Path> keptCode(java.nio.file.Path dataDir, String version) {
    return CodeArchive.find(dataDir, version);
  }

  /** The entity namespace a workflow class's instances are stored under. */
  public static String namespaceOf(String workflow) {
    return "workflow:" + workflow;
  }

  public String namespace() {
    return namespace;
  }

  public String name() {
    return spec.name();
  }

  /**
   * Where instances that started on another code version run: that version's kept code. An instance
   * whose version was not kept resumes on the current code (and says so in the log).
   */
  public void olderCode(java.util.function.Function<String, java.util.Optional<dev.cairn.js.WorkflowRunner>> byVersion) {
    this.olderCode = byVersion;
  }

  /** The contexts an instance of {@code version} runs in. */
  private dev.cairn.js.WorkflowRunner runnerFor(String id, String version) {
    if (version.equals(codeVersion)) return contexts;
    var older = olderCode.apply(version);
    if (older.isEmpty()) {
      outside.log(null, "warn", "workflow " + spec.name() + " " + id + " started on code version " + version
          + ", which was not kept; it resumes on the current code (" + codeVersion + ")");
    }
    return older.orElse(contexts);
  }

  /** After a restart: instances whose lease or deadline is due (or soon) are resumed now. */
  public void recover(List<DueAlarm> due) {
    for (DueAlarm a : due) {
      if (a.entity().namespace().equals(namespace)) alarm(InvocationIds.next(ports.clock(), ports.entropy()), a.entity().id(), a.dueMs(), 0);
    }
  }

  // ---- the binding: create, and calls on an instance

  /** Creates an instance (durably) and starts it; completes with its id once it is created. */
  public CompletableFuture<String> create(String id, String encodedParams) {
    if (closed) return CompletableFuture.failedFuture(WorkflowException.invalid("workflows of " + spec.name() + " are stopped"));
    String instanceId = id == null ? newId() : id;
    if (!instanceId.matches("[A-Za-z0-9_][A-Za-z0-9_.:-]{0,99}")) {
      return CompletableFuture.failedFuture(WorkflowException.invalid("instance id \"" + instanceId
          + "\": expected 1 to 100 letters, digits and _ . : - (not starting with . : -)"));
    }
    if (encodedParams.length() > limits.payloadBytesMax()) {
      return CompletableFuture.failedFuture(WorkflowException.tooLarge("the params of " + instanceId, encodedParams.length(),
          limits.payloadBytesMax(), "payloadBytesMax"));
    }
    return serial(instanceId, inst -> loadMeta(instanceId, inst).thenCompose(existing -> {
      if (existing != null) return CompletableFuture.failedFuture(WorkflowException.exists(spec.name(), instanceId));
      return begin(instanceId, inst, encodedParams, null, List.of());
    }).thenApply(v -> instanceId));
  }

  /** Writes a new journal (summary and Started) and the meta for a first run (or a restart), then starts the run. */
  private CompletableFuture<Void> begin(String instanceId, Instance inst, String encodedParams, WorkflowMeta previous,
      List<BufferedEvent> buffered) {
    long now = ports.clock().nowMs();
    String journalId = InvocationIds.next(ports.clock(), ports.entropy());
    byte[] input = ("{\"instanceId\":" + Json.quote(instanceId) + ",\"params\":" + Json.quote(encodedParams) + "}")
        .getBytes(StandardCharsets.UTF_8);
    Journal journal = Journal.begin(new JournalEntry.Started(journalId, spec.name(), "workflow", Bytes.of(input), codeVersion,
        ports.entropy().nextSeed(), now));
    journals.putSummary(JournalStore.InvocationSummary.of(journalId, spec.name(), "workflow", JournalStore.Status.RUNNING, now, 0));
    CompletableFuture<Void> started = journals.append(journalId, 0, List.of(journal.encoded(0).toArray()));
    WorkflowMeta meta = previous == null ? WorkflowMeta.created(journalId, codeVersion, now, encodedParams)
        : previous.restarted(journalId, codeVersion, now);
    CompletableFuture<Void> written = writeMeta(instanceId, meta, OptionalLong.of(now + LEASE_MS));
    inst.meta = meta;
    return CompletableFuture.allOf(started, written).thenRun(() -> startRun(instanceId, inst, journal, buffered));
  }

  /**
   * {@code get}, {@code status}, {@code pause}, {@code resume}, {@code terminate}, {@code restart},
   * {@code sendEvent} on an instance; answers JSON.
   */
  public CompletableFuture<String> control(String id, String action, String argJson) {
    return switch (action) {
      case "get", "status" -> serial(id, inst -> loadMeta(id, inst).thenApply(meta -> {
        if (meta == null) throw WorkflowException.notFound(spec.name(), id);
        return statusJson(meta, inst.run != null);
      }));
      case "sendEvent" -> sendEvent(id, argJson);
      case "pause", "resume", "terminate", "restart" -> serial(id, inst -> loadMeta(id, inst).thenCompose(meta -> {
        if (meta == null) throw WorkflowException.notFound(spec.name(), id);
        return switch (action) {
          case "pause" -> pause(id, inst, meta, true);
          case "resume" -> pause(id, inst, meta, false);
          case "terminate" -> terminate(id, inst, meta);
          default -> restart(id, inst, meta);
        };
      }).thenApply(v -> "{}"));
      default -> CompletableFuture.failedFuture(WorkflowException.invalid("unknown instance call " + action));
    };
  }

  private static String statusJson(WorkflowMeta meta, boolean live) {
    StringBuilder b = new StringBuilder("{\"status\":").append(Json.quote(publicStatus(meta, live)));
    if (meta.output() != null) b.append(",\"output\":").append(Json.quote(meta.output()));
    if (meta.error() != null) {
      b.append(",\"error\":{\"name\":").append(Json.quote(meta.error().get(0))).append(",\"message\":")
          .append(Json.quote(meta.error().get(1))).append('}');
    }
    return b.append('}').toString();
  }

  /** Cloudflare's statuses: queued, running, paused, waiting, complete, errored, terminated. */
  private static String publicStatus(WorkflowMeta meta, boolean live) {
    if (meta.paused() && !meta.finished()) return "paused";
    if (meta.status().equals("waiting") && live) return "running";
    return meta.status();
  }

  private CompletableFuture<String> sendEvent(String id, String argJson) {
    var arg = dev.cairn.server.journal.JournalJsonReader.parse(argJson.getBytes(StandardCharsets.UTF_8));
    String type = arg.path("type").asText("");
    String payload = arg.path("payload").asText("Jnull");
    if (type.isEmpty() || type.length() > 100) {
      return CompletableFuture.failedFuture(WorkflowException.invalid("sendEvent: type must be 1 to 100 characters"));
    }
    if (payload.length() > limits.eventBytesMax()) {
      return CompletableFuture.failedFuture(WorkflowException.tooLarge("the event payload", payload.length(), limits.eventBytesMax(), "eventBytesMax"));
    }
    return serial(id, inst -> loadMeta(id, inst).thenCompose(meta -> {
      if (meta == null) throw WorkflowException.notFound(spec.name(), id);
      if (meta.finished()) throw WorkflowException.finished(spec.name(), id, meta.status());
      long seq = meta.nextEvent();
      long now = ports.clock().nowMs();
      String json = "{\"type\":" + Json.quote(type) + ",\"payload\":" + Json.quote(payload) + ",\"timestamp\":" + now + "}";
      WorkflowMeta next = meta.eventTaken();
      WriteBatch batch = WriteBatch.builder().put(eventKey(seq), json.getBytes(StandardCharsets.UTF_8))
          .put("meta", next.encode()).build();
      inst.meta = next;
      return store.commit(address(id), batch).thenRun(() -> {
        BufferedEvent event = new BufferedEvent(seq, type, json);
        if (inst.pendingOps > 0) {
          inst.lateEvents.add(event); // a resume is reading the buffer: it may have missed this one
        } else if (inst.run != null) {
          WorkflowRun run = inst.run;
          runnerOf(id).execute(id, () -> run.offerEvent(event));
        } else if (!next.paused() && next.status().equals("waiting")
            && next.waits().stream().anyMatch(w -> w.kind().equals("event") && type.equals(w.type()))) {
          resume(id, inst);
        }
      });
    }).thenApply(v -> "{}"));
  }

  private CompletableFuture<Void> pause(String id, Instance inst, WorkflowMeta meta, boolean paused) {
    if (meta.finished()) throw WorkflowException.finished(spec.name(), id, meta.status());
    WorkflowMeta next = meta.pausedAs(paused, ports.clock().nowMs());
    inst.meta = next;
    OptionalLong alarm = paused ? OptionalLong.empty() : next.status().equals("waiting") ? next.deadline() : OptionalLong.of(ports.clock().nowMs());
    return writeMeta(id, next, alarm).thenRun(() -> {
      // resumed with an event or a deadline already there: go on now
      if (!paused && inst.run == null && !next.status().equals("complete")) resume(id, inst);
    });
  }

  private CompletableFuture<Void> terminate(String id, Instance inst, WorkflowMeta meta) {
    if (meta.finished()) throw WorkflowException.finished(spec.name(), id, meta.status());
    WorkflowRun run = inst.run;
    inst.run = null;
    if (run != null) {
      run.end();
      runnerOf(id).abandonWorkflow(run.journalId(), id);
    }
    return endJournal(meta.journal(), run, new JournalEntry.Failed("workflow_terminated", "terminated", "", ports.clock().nowMs()))
        .thenCompose(v -> {
          WorkflowMeta next = meta.with("terminated", ports.clock().nowMs());
          inst.meta = next;
          return writeMeta(id, next, OptionalLong.empty());
        });
  }

  private CompletableFuture<Void> restart(String id, Instance inst, WorkflowMeta meta) {
    WorkflowRun run = inst.run;
    inst.run = null;
    if (run != null) {
      run.end();
      runnerOf(id).abandonWorkflow(run.journalId(), id);
    }
    CompletableFuture<Void> ended = meta.finished() ? CompletableFuture.completedFuture(null)
        : endJournal(meta.journal(), run, new JournalEntry.Failed("workflow_restarted", "restarted", "", ports.clock().nowMs()));
    return ended.thenCompose(v -> deleteEvents(id)).thenCompose(v -> begin(id, inst, meta.params(), meta, List.of()));
  }

  // ---- running

  /** Starts a run of an instance whose meta is loaded: a fresh one, or a resume that replays {@code journal}. */
  private void startRun(String id, Instance inst, Journal journal, List<BufferedEvent> buffered) {
    if (closed) return;
    WorkflowRun run = new WorkflowRun(this, id, outside, journal, inst.meta.journal(), limits, buffered);
    inst.run = run;
    inst.runner = runnerFor(id, journal.started().codeVersion());
    JournalEntry.Started started = journal.started();
    if (journal.entry(journal.size() - 1) instanceof JournalEntry.Suspended) {
      run.append(new JournalEntry.Resumed(Math.max(ports.clock().nowMs(), lastTime(journal))));
    }
    WorkflowMeta running = inst.meta.running(ports.clock().nowMs());
    inst.meta = running;
    writeMeta(id, running, OptionalLong.of(ports.clock().nowMs() + LEASE_MS));
    var parsed = dev.cairn.server.journal.JournalJsonReader.parse(started.input().toArray());
    String event = "{\"payload\":" + Json.quote(parsed.path("params").asText()) + ",\"timestamp\":" + started.timeMs()
        + ",\"instanceId\":" + Json.quote(id) + "}";
    inst.runner.runWorkflow(started.invocationId(), started.seed(), started.timeMs(), spec.className(), event, run, id)
        .whenComplete((output, error) -> serial(id, i -> finish(id, i, run, output, error)));
  }

  private static long lastTime(Journal journal) {
    return switch (journal.entry(journal.size() - 1)) {
      case JournalEntry.Suspended s -> s.timeMs();
      case JournalEntry.Resumed r -> r.timeMs();
      case JournalEntry.HostCall h -> h.startMs() + h.durationUs() / 1000;
      case JournalEntry.Started s -> s.timeMs();
      case JournalEntry.Completed c -> c.timeMs();
      case JournalEntry.Failed f -> f.timeMs();
    };
  }

  private CompletableFuture<Void> finish(String id, Instance inst, WorkflowRun run, String output, Throwable error) {
    if (inst.run != run || run.over()) return CompletableFuture.completedFuture(null); // parked or terminated meanwhile
    inst.run = null;
    run.end();
    long now = ports.clock().nowMs();
    Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause == null && output != null && output.length() > limits.payloadBytesMax()) {
      cause = WorkflowException.tooLarge("the output of " + id, output.length(), limits.payloadBytesMax(), "payloadBytesMax");
    }
    if (cause == null && !run.unreplayed().isEmpty()) {
      outside.log(null, "warn", "workflow " + id + " completed without replaying recorded steps " + run.unreplayed()
          + ": its code changed since they ran");
    }
    JournalEntry end;
    WorkflowMeta next;
    if (cause == null) {
      end = new JournalEntry.Completed(Bytes.utf8("{\"value\":" + Json.quote(output) + "}"), now);
      next = inst.meta.completed(output, now);
    } else {
      String code = cause instanceof CairnException ce ? ce.code() : "internal_error";
      String stack = cause instanceof dev.cairn.js.JsException js ? js.jsStack() : "";
      end = new JournalEntry.Failed(code, String.valueOf(cause.getMessage()), stack, now);
      next = inst.meta.errored(code, String.valueOf(cause.getMessage()), now);
      outside.log(null, "error", "workflow " + spec.name() + " " + id + " errored: " + code + ": " + cause.getMessage());
    }
    inst.meta = next;
    WorkflowMeta done = next;
    return endJournal(run.journalId(), run, end).thenCompose(v -> writeMeta(id, done, OptionalLong.empty()))
        .thenCompose(v -> deleteEvents(id));
  }

  /** A run must stop now (a limit, nondeterminism): it ends as errored. On the loop. */
  @Override
  public void failRun(String id, WorkflowRun run, WorkflowException e) {
    serial(id, inst -> {
      if (inst.run != run) return CompletableFuture.completedFuture(null);
      runnerOf(id).abandonWorkflow(run.journalId(), id);
      return finish(id, inst, run, null, e);
    });
  }

  /** The run has nothing but durable waits left: record them, drop its JS state. */
  @Override
  public void park(String id, WorkflowRun run, List<WorkflowMeta.Wait> waits) {
    serial(id, inst -> {
      if (inst.run != run || run.over()) return CompletableFuture.completedFuture(null);
      CompletableFuture<Void> suspended = run.append(new JournalEntry.Suspended(run.waitingFor(), ports.clock().nowMs()));
      run.end();
      inst.run = null;
      runnerOf(id).abandonWorkflow(run.journalId(), id);
      WorkflowMeta next = inst.meta.waiting(waits, ports.clock().nowMs());
      inst.meta = next;
      return suspended.thenCompose(v -> writeMeta(id, next, next.paused() ? OptionalLong.empty() : next.deadline()))
          .thenCompose(v -> next.paused() ? CompletableFuture.completedFuture(null) : resumeIfEventWaiting(id, inst, next));
    });
  }

  /** An event that arrived while the run was parking is there already: resume at once. */
  private CompletableFuture<Void> resumeIfEventWaiting(String id, Instance inst, WorkflowMeta meta) {
    return readEvents(id).thenAccept(events -> {
      boolean wanted = events.stream().anyMatch(e -> meta.waits().stream().anyMatch(w -> w.kind().equals("event") && e.type().equals(w.type())));
      if (wanted && inst.run == null) resume(id, inst);
    });
  }

  /** Loads the journal and buffered events of a parked or crashed instance and runs it again. Inside {@link #serial}. */
  private void resume(String id, Instance inst) {
    WorkflowMeta meta = inst.meta;
    if (meta == null || meta.finished() || inst.run != null || inst.pendingOps > 0) return;
    inst.lateEvents.clear();
    inst.pendingOps++;
    ports.scheduler().executeBlocking(() -> {
      Journal read;
      try {
        List<byte[]> encoded = journals.read(meta.journal());
        read = encoded.isEmpty() ? null : Journal.fromEncoded(encoded);
      } catch (RuntimeException e) {
        outside.log(null, "error", "workflow " + id + ": its journal cannot be read, so it cannot resume: " + e.getMessage());
        serial(id, i -> {
          i.pendingOps--;
          WorkflowMeta next = i.meta.errored("workflow_journal_unreadable", String.valueOf(e.getMessage()), ports.clock().nowMs());
          i.meta = next;
          return writeMeta(id, next, OptionalLong.empty());
        });
        return;
      }
      Journal journal = read; // null: the node stopped while creating it, see below
      if (journal == null) {
        outside.log(null, "warn", "workflow " + id + ": its first journal entry was never stored (the node stopped"
            + " while creating it); starting it from its params");
      }
      readEvents(id).thenAccept(events -> serial(id, i -> {
        i.pendingOps--;
        List<BufferedEvent> all = new ArrayList<>(events); // events sent meanwhile are kept, as for any run
        for (BufferedEvent late : i.lateEvents) {
          if (all.stream().noneMatch(e -> e.seq() == late.seq())) all.add(late);
        }
        i.lateEvents.clear();
        all.sort(java.util.Comparator.comparingLong(BufferedEvent::seq));
        if (journal == null) {
          // Its meta became durable, its journal's Started did not (two databases). Nothing of it ran
          // (a run starts only once both are durable), so it starts anew.
          journals.putSummary(JournalStore.InvocationSummary.of(meta.journal(), spec.name(), "workflow",
              JournalStore.Status.FAILED, ports.clock().nowMs(), 0));
          if (i.run != null || i.meta.finished()) return CompletableFuture.completedFuture(null);
          return begin(id, i, i.meta.params(), null, all);
        }
        if (i.run == null && !i.meta.finished()) startRun(id, i, journal, all);
        return CompletableFuture.completedFuture(null);
      }));
    });
  }

  // ---- alarms (AlarmTarget): deadlines of waits, and crash leases

  @Override
  public CompletableFuture<Void> alarm(String invocationId, String id, long dueMs, int retryCount) {
    return serial(id, inst -> loadMeta(id, inst).thenCompose(meta -> {
      if (meta == null || meta.finished()) return writeAlarm(id, OptionalLong.empty());
      if (meta.paused()) return writeAlarm(id, OptionalLong.empty()); // resume() re-arms it
      WorkflowRun run = inst.run;
      long now = ports.clock().nowMs();
      if (run != null) {
        runnerOf(id).execute(id, () -> run.timeUp(now)); // a live run: its waits' time may have come; renew its lease
        return writeAlarm(id, OptionalLong.of(now + LEASE_MS));
      }
      if (inst.pendingOps == 0) resume(id, inst);
      return writeAlarm(id, OptionalLong.of(now + LEASE_MS));
    }));
  }

  @Override
  public InstanceLimits instanceLimits() {
    return spec.instances();
  }

  @Override
  public void dropAlarm(String id, long dueMs) {
    writeAlarm(id, OptionalLong.empty());
  }

  @Override
  public void onAlarmSet(LongConsumer listener) {
    this.alarmListener = listener;
  }

  // ---- what runs ask of the engine

  @Override
  public long nowMs() {
    return ports.clock().nowMs();
  }

  @Override
  public void onLoop(String id, Runnable task) {
    runnerOf(id).execute(id, task);
  }

  /** The contexts instance {@code id}'s run is in (the current code's when it has none). */
  private dev.cairn.js.WorkflowRunner runnerOf(String id) {
    Instance inst = instances.get(id);
    return inst != null && inst.runner != null ? inst.runner : contexts;
  }

  /** A short wait's timer, run on the instance's loop. */
  @Override
  public void timer(String id, long delayMs, Runnable task) {
    ports.scheduler().schedule(delayMs, () -> runnerOf(id).execute(id, task));
  }

  /** A run waits until {@code untilMs}: the alarm must come no later than that (and no later than the lease). */
  @Override
  public void wakeAt(String id, long untilMs) {
    alarmListener.accept(untilMs);
  }

  @Override
  public CompletableFuture<Void> appendJournal(String journalId, int index, byte[] frame) {
    return journals.append(journalId, index, List.of(frame));
  }

  /** An event was taken by a wait (and journaled): it leaves the buffer. */
  @Override
  public void forgetEvent(String id, BufferedEvent event) {
    store.commit(address(id), WriteBatch.builder().delete(eventKey(event.seq())).build());
  }

  // ---- storage

  private EntityAddress address(String id) {
    return new EntityAddress(namespace, id);
  }

  private static String eventKey(long seq) {
    return String.format("ev:%019d", seq);
  }

  private CompletableFuture<WorkflowMeta> loadMeta(String id, Instance inst) {
    if (inst.meta != null) return CompletableFuture.completedFuture(inst.meta);
    CompletableFuture<WorkflowMeta> out = new CompletableFuture<>();
    ports.scheduler().executeBlocking(() -> {
      try {
        var bytes = store.get(address(id), "meta");
        WorkflowMeta meta = bytes.map(WorkflowMeta::decode).orElse(null);
        inst.meta = meta;
        out.complete(meta);
      } catch (RuntimeException e) {
        out.completeExceptionally(e);
      }
    });
    return out;
  }

  private CompletableFuture<List<BufferedEvent>> readEvents(String id) {
    CompletableFuture<List<BufferedEvent>> out = new CompletableFuture<>();
    ports.scheduler().executeBlocking(() -> {
      try {
        List<BufferedEvent> events = new ArrayList<>();
        store.list(address(id), ListOptions.ALL.withPrefix("ev:").withLimit(EVENTS_READ_MAX)).forEach((k, v) -> {
          String json = new String(v, StandardCharsets.UTF_8);
          var n = dev.cairn.server.journal.JournalJsonReader.parse(v);
          events.add(new BufferedEvent(Long.parseLong(k.substring(3)), n.path("type").asText(), json));
        });
        out.complete(events);
      } catch (RuntimeException e) {
        out.completeExceptionally(e);
      }
    });
    return out;
  }

  private CompletableFuture<Void> deleteEvents(String id) {
    return readEvents(id).thenCompose(events -> {
      if (events.isEmpty()) return CompletableFuture.completedFuture(null);
      WriteBatch.Builder b = WriteBatch.builder();
      for (BufferedEvent e : events) b.delete(eventKey(e.seq()));
      return store.commit(address(id), b.build());
    });
  }

  private CompletableFuture<Void> writeMeta(String id, WorkflowMeta meta, OptionalLong alarm) {
    WriteBatch batch = WriteBatch.builder().put("meta", meta.encode()).setAlarm(alarm).build();
    return store.commit(address(id), batch).thenRun(() -> alarm.ifPresent(alarmListener::accept));
  }

  private CompletableFuture<Void> writeAlarm(String id, OptionalLong alarm) {
    return store.commit(address(id), WriteBatch.builder().setAlarm(alarm).build()).thenRun(() -> alarm.ifPresent(alarmListener::accept));
  }

  /** Appends the journal's end (after the run's own appends) and marks its summary finished. */
  private CompletableFuture<Void> endJournal(String journalId, WorkflowRun run, JournalEntry end) {
    CompletableFuture<Void> appended;
    if (run != null) {
      appended = run.append(end);
    } else {
      // no live run: read the journal to know where its end goes
      CompletableFuture<Void> f = new CompletableFuture<>();
      ports.scheduler().executeBlocking(() -> {
        try {
          Journal j = Journal.fromEncoded(journals.read(journalId));
          Bytes frame = j.append(end);
          journals.append(journalId, j.size() - 1, List.of(frame.toArray())).whenComplete((v, e) -> {
            if (e != null) f.completeExceptionally(e);
            else f.complete(null);
          });
        } catch (RuntimeException e) {
          f.completeExceptionally(e);
        }
      });
      appended = f;
    }
    long startedMs = run != null ? run.journal().started().timeMs() : ports.clock().nowMs();
    JournalStore.Status status = end instanceof JournalEntry.Completed ? JournalStore.Status.COMPLETED : JournalStore.Status.FAILED;
    long endMs = end instanceof JournalEntry.Completed c ? c.timeMs() : ((JournalEntry.Failed) end).timeMs();
    return appended.exceptionally(e -> null).thenCompose(v -> journals.putSummary(
        JournalStore.InvocationSummary.of(journalId, spec.name(), "workflow", status, startedMs, Math.max(0, endMs - startedMs))));
  }

  // ---- serial order per instance

  /** Runs {@code op} after every earlier op of instance {@code id}; the chain goes on even when one fails. */
  private <T> CompletableFuture<T> serial(String id, java.util.function.Function<Instance, CompletableFuture<T>> op) {
    Instance inst = instances.compute(id, (k, v) -> {
      Instance i = v == null ? new Instance() : v;
      i.users++;
      return i;
    });
    CompletableFuture<T> result;
    synchronized (inst) {
      CompletableFuture<T> next = inst.chain.handle((v, e) -> null).thenCompose(v -> {
        try {
          return op.apply(inst);
        } catch (RuntimeException e) {
          return CompletableFuture.failedFuture(e);
        }
      });
      inst.chain = next.handle((v, e) -> null);
      result = next;
    }
    result.whenComplete((v, e) -> forgetIfIdle(id, inst));
    return result;
  }

  /** An instance with no run and nothing queued is dropped from memory: a waiting instance is only rows. */
  private void forgetIfIdle(String id, Instance inst) {
    instances.computeIfPresent(id, (k, v) -> {
      if (v != inst) return v;
      v.users--;
      return v.users == 0 && v.run == null && v.pendingOps == 0 ? null : v;
    });
  }

  private String newId() {
    return java.util.UUID.nameUUIDFromBytes(InvocationIds.next(ports.clock(), ports.entropy()).getBytes(StandardCharsets.UTF_8)).toString();
  }

  /**
   * The newest {@code limit} instances, from the journal index (each run of an instance is a journal;
   * a restarted instance is listed once, by its newest run): {@code {"instances":[{id, status, ...}]}}.
   */
  public CompletableFuture<String> list(int limit) {
    var runs = journals.list(JournalStore.Query.since(0, Math.min(JournalStore.Query.LIMIT_MAX, limit * 2)).withTarget(spec.name()));
    java.util.LinkedHashMap<String, JournalStore.InvocationSummary> newest = new java.util.LinkedHashMap<>();
    for (var run : runs) {
      if (!run.kind().equals("workflow") || newest.size() >= limit) continue;
      List<byte[]> frames = journals.read(run.invocationId());
      if (frames.isEmpty()) continue;
      String id = dev.cairn.server.journal.JournalJsonReader.parse(Journal.fromEncoded(frames.subList(0, 1)).started().input().toArray())
          .path("instanceId").asText();
      newest.putIfAbsent(id, run);
    }
    List<CompletableFuture<String>> statuses = new ArrayList<>();
    List<String> ids = new ArrayList<>(newest.keySet());
    for (String id : ids) statuses.add(control(id, "status", "null"));
    return CompletableFuture.allOf(statuses.toArray(CompletableFuture[]::new)).handle((v, e) -> {
      StringBuilder b = new StringBuilder("{\"instances\":[");
      for (int i = 0; i < ids.size(); i++) {
        var run = newest.get(ids.get(i));
        String status = statuses.get(i).isCompletedExceptionally() ? "{\"status\":\"unknown\"}" : statuses.get(i).join();
        if (i > 0) b.append(',');
        b.append("{\"id\":").append(Json.quote(ids.get(i))).append(",\"journal\":").append(Json.quote(run.invocationId()))
            .append(",\"startedAtMs\":").append(run.startedAtMs()).append(",\"state\":").append(status).append('}');
      }
      return b.append("]}").toString();
    });
  }

  /** Instances held in memory now (running, or being changed): for tests and the park benchmark. */
  public int liveInstances() {
    return instances.size();
  }

  @Override
  public void close() {
    closed = true;
  }
}
