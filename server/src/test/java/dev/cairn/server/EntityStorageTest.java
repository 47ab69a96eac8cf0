package dev.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ctx.storage} of a Durable Object as a handler sees it, over real HTTP: each scenario runs
 * inside an entity (so it sees the write-back cache, the store and the journal as an app would) and
 * answers what it observed.
 */
class EntityStorageTest {
  @TempDir static Path dir;
  static TestApp app;
  static final ObjectMapper JSON = new ObjectMapper();

  static final String API = """
      export default {
        async fetch(request, env) {
          const url = new URL(request.url);
          const [, scenario, who] = url.pathname.split("/");
          const stub = env.LAB.get(env.LAB.idFromName(who || scenario));
          try {
            return Response.json(await stub.run(scenario));
          } catch (e) {
            return Response.json({ thrown: e.name, code: e.cairnCode || null, message: e.message }, { status: 500 });
          }
        },
      };
      """;

  static final String LAB = """
      import { DurableObject } from "cloudflare:workers";
      export class Lab extends DurableObject {
        async run(scenario) { return this[scenario](); }

        async values() {
          const s = this.ctx.storage;
          const buf = new Uint8Array([1, 2, 250]);
          await s.put({ map: new Map([["a", 1], [2, { b: true }]]), set: new Set([1, "x"]), date: new Date(86400000),
            bytes: buf, buffer: buf.buffer, big: 12345678901234567890n, nested: { list: [1, null, "z"], u: undefined } });
          const got = await s.get(["map", "set", "date", "bytes", "buffer", "big", "nested", "missing"]);
          const map = got.get("map"), set = got.get("set");
          // a value read back is a copy: changing it changes nothing stored
          got.get("nested").list.push("changed");
          const again = await s.get("nested");
          return {
            keys: [...got.keys()],
            map: map instanceof Map && map.get("a") === 1 && map.get(2).b === true,
            set: set instanceof Set && set.has("x") && set.size === 2,
            date: got.get("date") instanceof Date && got.get("date").getTime() === 86400000,
            bytes: got.get("bytes") instanceof Uint8Array && got.get("bytes")[2] === 250,
            buffer: got.get("buffer") instanceof ArrayBuffer && got.get("buffer").byteLength === 3,
            big: got.get("big") === 12345678901234567890n,
            copy: again.list.length === 3 && "u" in again,
            missing: await s.get("missing") === undefined,
          };
        }

        async listing() {
          const s = this.ctx.storage;
          await s.put({ "a:1": 1, "a:2": 2, "a:3": 3, "b:1": 4, "\\u{1F600}": 5, "\\uE000": 6 });
          await s.delete("a:2");
          const keys = async (o) => [...(await s.list(o)).keys()];
          return {
            all: await keys(),
            prefix: await keys({ prefix: "a:" }),
            range: await keys({ start: "a:1", end: "b:1" }),
            startAfter: await keys({ startAfter: "a:1", limit: 2 }),
            reverse: await keys({ reverse: true, limit: 2 }),
            deletedMany: await s.delete(["a:1", "a:3", "nope"]),
            deletedOne: await s.delete("b:1"),
            deletedAgain: await s.delete("b:1"),
            left: await keys(),
          };
        }

        async wipe() {
          const s = this.ctx.storage;
          await s.put({ x: 1, y: 2 });
          await s.setAlarm(Date.now() + 3_600_000);
          await s.deleteAll();
          return { left: [...(await s.list()).keys()], alarmKept: (await s.getAlarm()) !== null };
        }

        async tx() {
          const s = this.ctx.storage;
          await s.put("balance", 10);
          const committed = await s.transaction(async (txn) => {
            await txn.put("balance", (await txn.get("balance")) - 3);
            await txn.put("log", ["-3"]);
            return "done";
          });
          let thrown = null;
          try {
            await s.transaction(async (txn) => {
              await txn.put("balance", 0);
              throw new Error("insufficient funds");
            });
          } catch (e) {
            thrown = e.message;
          }
          await s.transaction(async (txn) => {
            await txn.put("balance", -100);
            txn.rollback();
          });
          return { committed, thrown, balance: await s.get("balance"), log: await s.get("log") };
        }

        async txAlarm() {
          const s = this.ctx.storage;
          await s.transaction(async (txn) => { await txn.setAlarm(4000000000000); });
          const afterCommit = await s.getAlarm();
          await s.deleteAlarm();
          const afterDelete = await s.getAlarm();
          try {
            await s.transaction(async (txn) => { await txn.setAlarm(4100000000000); throw new Error("no"); });
          } catch (e) {}
          return { afterCommit, afterDelete, afterRollback: await s.getAlarm() };
        }

        async refused() {
          const s = this.ctx.storage;
          const attempt = async (f) => {
            try { await f(); return "no error"; } catch (e) { return (e.cairnCode || e.name) + ": " + e.message; }
          };
          return {
            fn: await attempt(() => s.put({ ok: 1, fn: () => 1 })),
            symbol: await attempt(() => s.put("s", Symbol("x"))),
            keyTooLong: await attempt(() => s.put("k".repeat(2049), 1)),
            valueTooLarge: await attempt(() => s.put("big", "v".repeat(140_000))),
            tooManyKeys: await attempt(() => s.get(Array.from({ length: 129 }, (_, i) => "k" + i))),
            notAKey: await attempt(() => s.get(42)),
            alarmNaN: await attempt(() => s.setAlarm("soon")),
            nothingWritten: [...(await s.list()).keys()],
          };
        }

        async ids() {
          const ns = this.env.LAB;
          const a = ns.idFromName("same"), b = ns.idFromName("same"), u = ns.newUniqueId();
          const attempt = (f) => { try { f(); return "no error"; } catch (e) { return e.name + ": " + e.message; } };
          return {
            stable: a.toString() === b.toString() && a.equals(b) && /^[0-9a-f]{64}$/.test(a.toString()),
            name: a.name,
            roundTrip: ns.idFromString(u.toString()).equals(u),
            unique: u.toString() !== ns.newUniqueId().toString(),
            garbage: attempt(() => ns.idFromString("not-an-id")),
            otherNamespace: attempt(() => ns.idFromString(this.env.OTHER.idFromName("same").toString())),
            wrongGet: attempt(() => ns.get("just a string")),
          };
        }
      }
      """;

  @BeforeAll
  static void start() {
    app = TestApp.start(dir, TestApp.files(
        "cairn.yaml", """
            app: storage
            services:
              api: { module: api.js, bindings: { LAB: { entity: Lab } } }
            entities:
              Lab: { module: lab.js, class: Lab, bindings: { LAB: { entity: Lab }, OTHER: { entity: Other } } }
              Other: { module: lab.js, class: Lab }
            """,
        "api.js", API,
        "lab.js", LAB));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static JsonNode run(String scenario) throws Exception {
    var r = app.get("/" + scenario);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  @Test
  void structuredCloneValuesRoundTripAndReadsAreCopies() throws Exception {
    JsonNode v = run("values");
    assertThat(v.path("keys").toString()).isEqualTo("[\"big\",\"buffer\",\"bytes\",\"date\",\"map\",\"nested\",\"set\"]");
    for (String check : new String[] {"map", "set", "date", "bytes", "buffer", "big", "copy", "missing"}) {
      assertThat(v.path(check).asBoolean()).as(check + " in " + v).isTrue();
    }
  }

  @Test
  void listFollowsDurableObjectsOrderAndOptions() throws Exception {
    JsonNode v = run("listing");
    // UTF-16 code-unit order: the emoji (a surrogate pair, 0xD83D...) sorts before U+E000
    assertThat(v.path("all").toString()).isEqualTo("[\"a:1\",\"a:3\",\"b:1\",\"\uD83D\uDE00\",\"\uE000\"]");
    assertThat(v.path("prefix").toString()).isEqualTo("[\"a:1\",\"a:3\"]");
    assertThat(v.path("range").toString()).isEqualTo("[\"a:1\",\"a:3\"]");
    assertThat(v.path("startAfter").toString()).isEqualTo("[\"a:3\",\"b:1\"]");
    assertThat(v.path("reverse").toString()).isEqualTo("[\"\uE000\",\"\uD83D\uDE00\"]");
    assertThat(v.path("deletedMany").asInt()).isEqualTo(2);
    assertThat(v.path("deletedOne").asBoolean()).isTrue();
    assertThat(v.path("deletedAgain").asBoolean()).isFalse();
    assertThat(v.path("left").toString()).isEqualTo("[\"\uD83D\uDE00\",\"\uE000\"]");
  }

  @Test
  void deleteAllClearsKeysButNotTheAlarm() throws Exception {
    JsonNode v = run("wipe");
    assertThat(v.path("left").toString()).isEqualTo("[]");
    assertThat(v.path("alarmKept").asBoolean()).isTrue();
  }

  @Test
  void transactionsCommitOrRollBackAsAWhole() throws Exception {
    JsonNode v = run("tx");
    assertThat(v.path("committed").asText()).isEqualTo("done");
    assertThat(v.path("thrown").asText()).isEqualTo("insufficient funds");
    assertThat(v.path("balance").asInt()).isEqualTo(7);
    assertThat(v.path("log").toString()).isEqualTo("[\"-3\"]");
  }

  @Test
  void anAlarmSetInATransactionIsSeenOnlyWhileItIsOpenThenAsCommitted() throws Exception {
    JsonNode v = run("txAlarm");
    assertThat(v.path("afterCommit").asLong()).isEqualTo(4_000_000_000_000L);
    assertThat(v.path("afterDelete").isNull()).as("deleted after the transaction: " + v).isTrue();
    assertThat(v.path("afterRollback").isNull()).as("a rolled-back transaction's alarm: " + v).isTrue();
  }

  @Test
  void badValuesKeysAndCallsAreRefusedClearlyAndWriteNothing() throws Exception {
    JsonNode v = run("refused");
    assertThat(v.path("fn").asText()).startsWith("DataCloneError");
    assertThat(v.path("symbol").asText()).startsWith("DataCloneError");
    assertThat(v.path("keyTooLong").asText()).startsWith("entity_key_too_long").contains("keyBytesMax is 2048");
    assertThat(v.path("valueTooLarge").asText()).startsWith("entity_value_too_large").contains("valueBytesMax");
    assertThat(v.path("tooManyKeys").asText()).startsWith("entity_too_many_keys").contains("keysPerCallMax");
    assertThat(v.path("notAKey").asText()).startsWith("TypeError").contains("keys must be strings");
    assertThat(v.path("alarmNaN").asText()).startsWith("TypeError").contains("setAlarm");
    // the put of {ok, fn} failed as a whole: "ok" was not written either
    assertThat(v.path("nothingWritten").toString()).isEqualTo("[]");
  }

  @Test
  void idsAreStableTaggedByNamespaceAndCheckedOnTheWayIn() throws Exception {
    JsonNode v = run("ids");
    assertThat(v.path("stable").asBoolean()).isTrue();
    assertThat(v.path("name").asText()).isEqualTo("same");
    assertThat(v.path("roundTrip").asBoolean()).isTrue();
    assertThat(v.path("unique").asBoolean()).isTrue();
    assertThat(v.path("garbage").asText()).startsWith("TypeError").contains("64 lowercase hex digits");
    assertThat(v.path("otherNamespace").asText()).startsWith("TypeError").contains("not an id of Lab");
    assertThat(v.path("wrongGet").asText()).startsWith("TypeError").contains("DurableObjectId");
  }
}
