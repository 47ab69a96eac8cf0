package dev.cairn.providers.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.CairnException;
import dev.cairn.core.capability.Contract;
import dev.cairn.core.capability.Message;
import dev.cairn.core.capability.MessageBus;
import dev.cairn.providers.Await;
import dev.cairn.providers.Providers;
import dev.cairn.providers.TestPorts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code messaging} contract ({@link MessageBus}'s documentation), run against every provider
 * on its real broker. Every run publishes under a subject root of its own ({@code t<run>.}).
 */
abstract class MessagingContractTest {
  @TempDir Path dataDir;
  TestPorts ports;
  MessageBus bus;
  String root;

  abstract String provider();

  abstract Map<String, String> settings();

  abstract Map<String, String> unreachable();

  /** The code a request nobody answers fails with: brokers that know ({@code no_responders}) or not ({@code timeout}). */
  abstract String unansweredCode();

  MessageBus open(Map<String, String> settings) {
    return (MessageBus) Providers.open(Contract.MESSAGING, ports.context("events", provider(), settings, dataDir));
  }

  @BeforeEach
  void open() {
    ports = new TestPorts();
    bus = open(settings());
    root = "t" + TestPorts.runId();
  }

  @AfterEach
  void close() {
    if (bus != null) bus.close();
    ports.close();
  }

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String s(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  /** Collects what a subscription receives; acks at once. */
  static final class Inbox implements MessageBus.Handler {
    final List<Message> got = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<Void> deliver(Message m) {
      got.add(m);
      return CompletableFuture.completedFuture(null);
    }

    List<String> bodies() {
      return got.stream().map(m -> s(m.body())).filter(b -> !b.equals("ping")).toList();
    }
  }

  static void eventually(Runnable check) throws InterruptedException {
    AssertionError last = null;
    for (int i = 0; i < 200; i++) {
      try {
        check.run();
        return;
      } catch (AssertionError e) {
        last = e;
        TimeUnit.MILLISECONDS.sleep(25);
      }
    }
    throw last;
  }

  /** Brokers acknowledge a subscription asynchronously; a round trip on it proves it is active. */
  void ready(String subject, Inbox inbox) throws InterruptedException {
    for (int i = 0; i < 100 && inbox.got.isEmpty(); i++) {
      Await.of(bus.publish(new Message(subject, b("ping"))));
      TimeUnit.MILLISECONDS.sleep(20);
    }
    eventually(() -> assertThat(inbox.got).isNotEmpty());
    TimeUnit.MILLISECONDS.sleep(50);
    inbox.got.clear();
  }

  @Test
  void subscribersGetEveryMessageInPublishOrderWithHeaders() throws Exception {
    Inbox inbox = new Inbox();
    var sub = bus.subscribe(root + ".orders.*", "", inbox);
    ready(root + ".orders.ping", inbox);
    List<CompletableFuture<Void>> published = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      published.add(bus.publish(new Message(root + ".orders.created", b("m" + i), Map.of("content-type", "text/plain"), "")));
    }
    published.forEach(Await::of);
    eventually(() -> assertThat(inbox.got).hasSize(100));
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 100; i++) expected.add("m" + i);
    assertThat(inbox.bodies()).isEqualTo(expected);
    assertThat(inbox.got.getFirst().subject()).isEqualTo(root + ".orders.created");
    assertThat(inbox.got.getFirst().headers()).containsEntry("content-type", "text/plain");
    sub.close();
  }

  @Test
  void wildcardsMatchOneTokenOrTheRestAndNothingElseArrives() throws Exception {
    Inbox one = new Inbox();
    Inbox rest = new Inbox();
    bus.subscribe(root + ".a.*", "", one);
    bus.subscribe(root + ".a.>", "", rest);
    ready(root + ".a.x", one);
    eventually(() -> assertThat(rest.got).isNotEmpty());
    rest.got.clear();
    for (String subject : List.of(root + ".a.b", root + ".a.b.c", root + ".b.a", root + ".a", root + ".a.end")) {
      Await.of(bus.publish(new Message(subject, b(subject.substring(root.length())))));
    }
    // One publisher's messages arrive in order: once the last is in, any wrong match would be too.
    eventually(() -> assertThat(rest.bodies()).contains(".a.end"));
    eventually(() -> assertThat(one.bodies()).contains(".a.end"));
    assertThat(rest.bodies()).containsExactly(".a.b", ".a.b.c", ".a.end");
    assertThat(one.bodies()).containsExactly(".a.b", ".a.end");
  }

  @Test
  void aGroupSharesMessagesSoEachGoesToOneMember() throws Exception {
    Inbox first = new Inbox();
    Inbox second = new Inbox();
    String group = root + "-workers";
    bus.subscribe(root + ".jobs", group, first);
    bus.subscribe(root + ".jobs", group, second);
    Inbox probe = new Inbox();
    var p = bus.subscribe(root + ".jobs", "", probe);
    ready(root + ".jobs", probe);
    p.close();
    TimeUnit.MILLISECONDS.sleep(200);
    first.got.clear();
    second.got.clear();
    for (int i = 0; i < 40; i++) Await.of(bus.publish(new Message(root + ".jobs", b("j" + i))));
    eventually(() -> assertThat(first.got.size() + second.got.size()).isEqualTo(40));
    List<String> all = new ArrayList<>(first.bodies());
    all.addAll(second.bodies());
    assertThat(all).doesNotHaveDuplicates().hasSize(40);
  }

  @Test
  void aFailingHandlerDoesNotStopLaterDeliveries() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    bus.subscribe(root + ".flaky", "", m -> {
      seen.add(s(m.body()));
      return s(m.body()).equals("bad") ? CompletableFuture.failedFuture(new IllegalStateException("no")) : CompletableFuture.completedFuture(null);
    });
    Inbox probe = new Inbox();
    bus.subscribe(root + ".flaky", "", probe);
    ready(root + ".flaky", probe);
    Await.of(bus.publish(new Message(root + ".flaky", b("bad"))));
    Await.of(bus.publish(new Message(root + ".flaky", b("good"))));
    eventually(() -> assertThat(seen).contains("bad", "good"));
  }

  @Test
  void requestGetsTheFirstReplyPublishedToItsReplySubject() throws Exception {
    bus.subscribe(root + ".echo", "", m -> bus.publish(new Message(m.replyTo(), b("echo:" + s(m.body())))));
    Inbox probe = new Inbox();
    bus.subscribe(root + ".echo", "", probe);
    ready(root + ".echo", probe);
    Message reply = Await.of(bus.request(new Message(root + ".echo", b("hi")), 5_000));
    assertThat(s(reply.body())).isEqualTo("echo:hi");
    // the other subscriber's copy may arrive after the reply: wait for it
    eventually(() -> assertThat(probe.got).anySatisfy(m -> assertThat(m.replyTo()).isNotEmpty()));
  }

  @Test
  void aRequestNobodyAnswersFailsWithARetryableCodeInTime() throws Exception {
    long t0 = System.nanoTime();
    assertThat(Await.errorCode(bus.request(new Message(root + ".nobody", b("?")), 500))).isEqualTo(unansweredCode());
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(4_000);
    bus.subscribe(root + ".silent", "", m -> CompletableFuture.completedFuture(null));
    Inbox probe = new Inbox();
    bus.subscribe(root + ".silent", "", probe);
    ready(root + ".silent", probe);
    assertThat(Await.errorCode(bus.request(new Message(root + ".silent", b("?")), 300))).isEqualTo("capability_timeout");
  }

  @Test
  void closingASubscriptionStopsItsDeliveries() throws Exception {
    Inbox inbox = new Inbox();
    var sub = bus.subscribe(root + ".stop", "", inbox);
    ready(root + ".stop", inbox);
    sub.close();
    TimeUnit.MILLISECONDS.sleep(200);
    Await.of(bus.publish(new Message(root + ".stop", b("after"))));
    TimeUnit.MILLISECONDS.sleep(300);
    assertThat(inbox.got).isEmpty();
  }

  @Test
  void settingsThatCanNeverWorkAreRefusedAndAMissingBrokerIsUnavailable() {
    assertThatThrownBy(() -> open(Map.of("bodyBytesMax", "100GiB"))).extracting(e -> ((CairnException) e).code())
        .isEqualTo("capability_bad_config");
    assertThatThrownBy(() -> open(Map.of("colour", "blue"))).extracting(e -> ((CairnException) e).code()).isEqualTo("capability_bad_config");
    if (!unreachable().isEmpty()) {
      assertThatThrownBy(() -> open(unreachable())).extracting(e -> ((CairnException) e).code()).isEqualTo("capability_unavailable");
    }
    Await.of(bus.health());
  }
}
