package dev.cairn.server.capability;

import dev.cairn.core.capability.CapabilityException;
import dev.cairn.core.capability.CapabilityProvider;
import dev.cairn.core.capability.Contract;
import dev.cairn.core.manifest.CapabilitySpec;
import dev.cairn.core.spi.Cancellable;
import dev.cairn.core.spi.Ports;
import dev.cairn.providers.ProviderContext;
import dev.cairn.providers.Providers;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One capability's link: which provider serves it now. A link is a sequence of generations; a swap
 * ({@code cairn link set}) opens the new provider first, then makes it current, so new calls go to
 * it while calls already holding the old generation finish there; the old provider is closed when
 * its last call (or message being handled) is done. No call fails because of a swap.
 *
 * <p>A provider that cannot be reached is retried in the background with backoff
 * ({@link #RETRY_DELAY_MS_FIRST} doubling to {@link #RETRY_DELAY_MS_MAX}); meanwhile calls fail at
 * once with the retryable {@code capability_unavailable}. A connected provider's health is checked
 * every {@link #HEALTH_PERIOD_MS}.
 */
public final class Link implements AutoCloseable {
  static final long RETRY_DELAY_MS_FIRST = 250;
  static final long RETRY_DELAY_MS_MAX = 30_000;
  static final long HEALTH_PERIOD_MS = 5_000;

  private final String name;
  private final Contract contract;
  private final Ports ports;
  private final Path dataDir;
  private final Consumer<String> log;
  private final List<Consumer<Generation>> onSwap = new CopyOnWriteArrayList<>();
  private volatile Generation current;
  private volatile String source = "manifest";
  private volatile long swaps;
  private volatile boolean closed;

  Link(String name, Contract contract, Ports ports, Path dataDir, Consumer<String> log) {
    this.name = name;
    this.contract = contract;
    this.ports = ports;
    this.dataDir = dataDir;
    this.log = log;
  }

  public String name() {
    return name;
  }

  public Contract contract() {
    return contract;
  }

  /** A provider generation: one opened provider (or one being retried) and the calls holding it. */
  public final class Generation {
    final CapabilitySpec spec;
    private volatile CapabilityProvider provider;
    private final AtomicInteger holders = new AtomicInteger();
    private final AtomicBoolean providerClosed = new AtomicBoolean();
    private volatile boolean retired;
    private volatile boolean healthy;
    private volatile String error = "";
    private volatile Cancellable timer = () -> {};
    private int attempt;

    Generation(CapabilitySpec spec) {
      this.spec = spec;
    }

    public CapabilitySpec spec() {
      return spec;
    }

    /** Counts one more user of this generation, current or not (a message being handled on it). */
    public void hold() {
      holders.incrementAndGet();
    }

    public void release() {
      if (holders.decrementAndGet() == 0 && retired) closeProvider();
    }

    /** The provider; only while held. */
    public CapabilityProvider provider() {
      CapabilityProvider p = provider;
      if (p == null) throw CapabilityException.unavailable(name, spec.provider(), "not connected yet: " + error, null);
      return p;
    }

    boolean connected() {
      return provider != null;
    }

    private void retire() {
      retired = true;
      timer.cancel();
      if (holders.get() == 0) closeProvider();
    }

    /** The node is stopping: close now, on this thread, whoever still holds it. */
    private void retireNow() {
      retired = true;
      timer.cancel();
      CapabilityProvider p = provider;
      if (p != null && providerClosed.compareAndSet(false, true)) p.close();
    }

    private void closeProvider() {
      CapabilityProvider p = provider;
      if (p != null && providerClosed.compareAndSet(false, true)) {
        ports.scheduler().executeBlocking(p::close);
      }
    }

    /** Opens the provider; on a failure that may pass, retries later. Throws only for settings that can never work. */
    void connect(boolean throwUnavailable) {
      try {
        CapabilityProvider p = Providers.open(contract, new ProviderContext(name, spec.provider(), spec.config(), ports, dataDir));
        if (retired) {
          p.close();
          return;
        }
        provider = p;
        healthy = true;
        error = "";
        scheduleHealth();
        if (attempt > 0) {
          log.accept("capability " + name + ": connected to " + spec.provider() + " after " + attempt + " retries");
          if (current == this) for (var l : onSwap) l.accept(this);
        }
      } catch (CapabilityException e) {
        if (!e.code().equals("capability_unavailable") || throwUnavailable) throw e;
        error = e.getMessage();
        long delay = Math.min(RETRY_DELAY_MS_MAX, RETRY_DELAY_MS_FIRST << Math.min(attempt, 20));
        if (attempt == 0) log.accept(e.getMessage() + "; retrying in the background (first in " + delay + " ms)");
        attempt++;
        if (!retired) timer = ports.scheduler().schedule(delay, () -> ports.scheduler().executeBlocking(() -> connect(false)));
      }
    }

    private void scheduleHealth() {
      if (retired) return;
      timer = ports.scheduler().schedule(HEALTH_PERIOD_MS, () -> {
        CapabilityProvider p = provider;
        if (retired || p == null) return;
        p.health().whenComplete((v, e) -> {
          boolean was = healthy;
          healthy = e == null;
          error = e == null ? "" : String.valueOf((e.getCause() != null ? e.getCause() : e).getMessage());
          if (was != healthy) log.accept("capability " + name + " (" + spec.provider() + ") is " + (healthy ? "healthy again" : "unhealthy: " + error));
          scheduleHealth();
        });
      });
    }

    String state() {
      if (provider == null) return "connecting";
      return healthy ? "healthy" : "unhealthy";
    }
  }

  /** A held generation; release it when the call is done. */
  public Generation acquire() {
    for (;;) {
      Generation g = current;
      if (g == null || closed) throw CapabilityException.unlinked(name);
      g.hold();
      if (!g.retired) {
        if (!g.connected()) {
          g.release();
          throw CapabilityException.unavailable(name, g.spec.provider(), "not connected: " + g.error, null);
        }
        return g;
      }
      g.release(); // swapped meanwhile: take the new one
    }
  }

  /** The current generation, for listeners; may be unconnected. */
  public Generation current() {
    return current;
  }

  /**
   * Called after every swap with the new generation (null when unlinked), before the old one is
   * retired, and again when a generation that was retrying connects.
   */
  public void onSwap(Consumer<Generation> listener) {
    onSwap.add(listener);
  }

  public void removeSwapListener(Consumer<Generation> listener) {
    onSwap.remove(listener);
  }

  /**
   * Links {@code spec}. When {@code wait} (a live swap) the provider must open now, or this throws
   * and the link stays as it was; otherwise (start-up) an unreachable provider is retried in the background.
   */
  synchronized void link(CapabilitySpec spec, String from, boolean wait) {
    Generation next = new Generation(spec);
    next.connect(wait);
    swapTo(next, from);
  }

  synchronized void unlink() {
    swapTo(null, "runtime");
  }

  private void swapTo(Generation next, String from) {
    Generation old = current;
    current = next;
    source = from;
    if (old != null) swaps++;
    for (var l : onSwap) l.accept(next);
    if (old != null) old.retire();
  }

  public LinkStatus status() {
    Generation g = current;
    if (g == null) return new LinkStatus(name, contract.id(), "", java.util.Map.of(), "unlinked", "", source, swaps);
    return new LinkStatus(name, contract.id(), g.spec.provider(), Redaction.config(g.spec.config()), g.state(), g.error, source, swaps);
  }

  @Override
  public synchronized void close() {
    closed = true;
    Generation g = current;
    current = null;
    if (g != null) g.retireNow();
  }
}
