package dev.cairn.server.capability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.core.capability.CapabilityException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RepliesTest {
  /** parse() must give exactly the tree readTree gives, node types included (KvOps asks isTextual, canConvertToLong). */
  private static void sameAsReadTree(String json) throws Exception {
    JsonNode expected = Replies.JSON.readTree(json);
    JsonNode got = Replies.parse("cache", json);
    assertThat(got).as(json).isEqualTo(expected);
    assertThat(got.getNodeType()).as(json).isEqualTo(expected.getNodeType());
    var names = expected.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      assertThat(got.get(n).getClass()).as(json + " ." + n).isEqualTo(expected.get(n).getClass());
    }
    assertThat(got.toString()).as(json).isEqualTo(expected.toString()); // field order too
  }

  @Test
  void theCallsTheGlueMakesReadAsReadTreeReadsThem() throws Exception {
    for (String json : List.of(
        "{\"key\":\"k1\"}",
        "{\"key\":\"user:1\",\"expiresAtMs\":0,\"metadata\":\"\"}",
        "{\"key\":\"a\\\"b\\\\c\\n\\u00e9\\ud83d\\ude00\",\"expiresAtMs\":1790000000000,\"metadata\":\"{\\\"v\\\":1}\"}",
        "{}", " { \"a\" : true , \"b\" : false , \"c\" : null } ",
        "{\"n\":2147483647,\"m\":2147483648,\"o\":-9223372036854775808,\"p\":-2147483649}",
        "{\"a\":1,\"a\":\"second wins\"}",
        "{\"a\":1} trailing is not read")) {
      sameAsReadTree(json);
      assertThat(Replies.objectInOnePass(json)).as(json).isNotNull(); // and by the fast path
    }
  }

  @Test
  void nestedAndOtherValuesAreReadInTheSamePassWithReadTreesResult() throws Exception {
    for (String json : List.of(
        "{\"subject\":\"s\",\"headers\":[[\"a\",\"b\"],[\"c\",\"d\"]]}", "{\"headers\":[[\"a\",\"b\"]],\"subject\":\"s\"}",
        "{\"o\":{\"x\":1,\"y\":[true,null,{\"z\":\"\"}]},\"after\":2}", "{\"f\":1.5}", "{\"e\":1e3}", "{\"a\":[],\"b\":{}}",
        "{\"big\":9223372036854775808,\"n\":1}", "{\"a\":{\"x\":1},\"a\":\"second wins\"}")) {
      assertThat(Replies.objectInOnePass(json)).as(json).isNotNull();
      sameAsReadTree(json);
    }
  }

  @Test
  void whatIsNotAnObjectTakesReadTreeWhole() throws Exception {
    for (String json : List.of("[1,2]", "\"text\"", "12", "")) {
      assertThat(Replies.objectInOnePass(json)).as(json).isNull();
      sameAsReadTree(json);
    }
  }

  @Test
  void malformedArgumentsAreTheSameInvalidArgumentError() {
    for (String json : List.of("{\"key\":", "{\"key\" \"v\"}", "{key:1}", "{\"a\":tru}", "{\"h\":[1,}", "{\"o\":{\"x\" 1}}")) {
      String general;
      try {
        Replies.JSON.readTree(json);
        throw new AssertionError("readTree accepted " + json);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        general = e.getOriginalMessage();
      }
      assertThatThrownBy(() -> Replies.parse("cache", json)).as(json)
          .isInstanceOf(CapabilityException.class)
          .hasMessageContaining("the call's arguments are not JSON: " + general);
    }
  }

  @Test
  void randomFlatObjectsReadAsReadTreeReadsThem() throws Exception {
    long seed = new Random().nextLong();
    Random r = new Random(seed);
    String[] values = {"\"\"", "\"x\"", "\"\\u0000\\t\"", "0", "-1", "4294967296", "true", "false", "null", "[]", "{}", "0.25"};
    for (int i = 0; i < 500; i++) {
      StringBuilder b = new StringBuilder("{");
      int fields = r.nextInt(5);
      for (int f = 0; f < fields; f++) {
        if (f > 0) b.append(',');
        b.append("\"k").append(r.nextInt(3)).append("\":").append(values[r.nextInt(values.length)]);
      }
      String json = b.append('}').toString();
      try {
        sameAsReadTree(json);
      } catch (AssertionError e) {
        throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
      }
    }
  }
}
