// cairn:port-implementation — a benchmark harness outside the runtime: it reads the clock to time the client.
package dev.cairn.bench;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What the thread that issues a networked call costs, on Lettuce alone (no Cairn): sequential GETs
 * of one 128-byte value, issued from a caller thread that parks for each answer (as the raw bench
 * and Cairn's JS loop do: the write wakes Netty's event loop, the answer wakes the caller) against
 * chained from the client's own event loop (each answer's callback issues the next GET: no thread
 * is woken either way). The gap bounds what a JS loop run on the client's event loop, workerd's
 * design, could save per call. After a warm-up round of each, rounds alternate which goes first. Usage: {@code bench/issue-thread.sh [rounds=8]
 * [gets=20000] [redis://127.0.0.1:6379]}.
 */
public final class IssueThreadBench {
  private IssueThreadBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? whole(args[0], "rounds") : 8;
    int gets = args.length > 1 ? whole(args[1], "gets") : 20_000;
    String url = args.length > 2 ? args[2] : "redis://127.0.0.1:6379";
    if (rounds < 1 || gets < 1) throw new IllegalArgumentException("rounds and gets must be at least 1, got " + rounds + " and " + gets);
    RedisClient client = RedisClient.create(url);
    String key = "cairn-issue-thread-bench";
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      RedisAsyncCommands<String, String> redis = connection.async();
      try {
        redis.set(key, "v".repeat(128)).get(10, TimeUnit.SECONDS);
        callerThread(redis, key, gets); // a warm-up round of each, not counted
        chained(redis, key, gets);
        double[] caller = new double[rounds];
        double[] chained = new double[rounds];
        for (int r = 0; r < rounds; r++) {
          // Which goes first alternates, so neither always follows the other.
          if (r % 2 == 0) {
            caller[r] = callerThread(redis, key, gets);
            chained[r] = chained(redis, key, gets);
          } else {
            chained[r] = chained(redis, key, gets);
            caller[r] = callerThread(redis, key, gets);
          }
          System.out.printf("round %d: caller thread %.1f us/get, chained on the event loop %.1f us/get%n", r, caller[r], chained[r]);
        }
        System.out.printf("RESULT issue-thread caller_median_us=%.1f chained_median_us=%.1f rounds=%d gets=%d%n",
            Rounds.median(caller), Rounds.median(chained), rounds, gets);
      } finally {
        redis.del(key).get(10, TimeUnit.SECONDS);
      }
    } finally {
      client.shutdown();
    }
  }

  private static int whole(String arg, String name) {
    try {
      return Integer.parseInt(arg);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("usage: bench/issue-thread.sh [rounds] [gets] [redis-url]: " + name + " must be a whole number, got " + arg);
    }
  }

  /** µs per GET, each issued by this thread once the one before has answered. */
  private static double callerThread(RedisAsyncCommands<String, String> redis, String key, int gets) throws Exception {
    long t0 = System.nanoTime();
    for (int i = 0; i < gets; i++) redis.get(key).get(10, TimeUnit.SECONDS);
    return (System.nanoTime() - t0) / 1e3 / gets;
  }

  /** µs per GET, each issued from the callback of the one before. */
  private static double chained(RedisAsyncCommands<String, String> redis, String key, int gets) throws Exception {
    long t0 = System.nanoTime();
    CompletableFuture<Void> done = new CompletableFuture<>();
    chain(redis, key, gets, done);
    done.get(Math.max(60, gets / 100), TimeUnit.SECONDS); // a GET per 10 ms at worst: a connection that went silent fails the run
    return (System.nanoTime() - t0) / 1e3 / gets;
  }

  /** Issues the next GET from the callback of the one before: on the client's event loop thread. */
  private static void chain(RedisAsyncCommands<String, String> redis, String key, int left, CompletableFuture<Void> done) {
    if (left == 0) {
      done.complete(null);
      return;
    }
    redis.get(key).whenComplete((v, e) -> {
      if (e != null) done.completeExceptionally(e);
      else chain(redis, key, left - 1, done);
    });
  }
}
