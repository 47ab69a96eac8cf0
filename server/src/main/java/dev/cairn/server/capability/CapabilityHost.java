package dev.cairn.server.capability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.core.capability.BlobStore;
import dev.cairn.core.capability.CapabilityException;
import dev.cairn.core.capability.HttpClient;
import dev.cairn.core.capability.KvStore;
import dev.cairn.core.capability.MessageBus;
import dev.cairn.core.http.Header;
import dev.cairn.core.http.RequestData;
import dev.cairn.core.manifest.BindingSpec;
import dev.cairn.core.manifest.Manifest;
import dev.cairn.core.manifest.ServiceSpec;
import dev.cairn.js.CapabilityCall;
import dev.cairn.js.CapabilityReply;
import dev.cairn.js.Invocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.cairn.core.Limits;
import java.util.concurrent.CompletableFuture;

/**
 * Performs capability calls live: finds the calling service's binding, holds the capability's
 * current link generation for the length of the call (so a swap meanwhile lets it finish where it
 * started), checks the arguments against the provider's limits and calls it. Replay never gets here:
 * the journal answers instead.
 */
public final class CapabilityHost {
  private final Manifest manifest;
  private final CapabilityLinks links;

  public CapabilityHost(Manifest manifest, CapabilityLinks links) {
    this.manifest = manifest;
    this.links = links;
  }

  public CompletableFuture<CapabilityReply> call(Invocation from, CapabilityCall call) {
    Link.Generation held;
    try {
      held = links.link(capabilityOf(from, call)).acquire();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<CapabilityReply> out;
    try {
      out = perform(from, call, held);
    } catch (RuntimeException e) {
      out = CompletableFuture.failedFuture(e);
    }
    return out.whenComplete((r, e) -> held.release());
  }

  /** The bindings of whatever is calling: a service, an entity class or a workflow (invocations name them). */
  private Map<String, BindingSpec> bindingsOf(Invocation from) {
    ServiceSpec service = manifest.services().get(from.service());
    if (service != null) return service.bindings();
    var entity = manifest.entities().get(from.service());
    if (entity != null) return entity.bindings();
    var workflow = manifest.workflows().get(from.service());
    return workflow != null ? workflow.bindings() : Map.of();
  }

  private Limits limitsOf(Invocation from) {
    ServiceSpec service = manifest.services().get(from.service());
    if (service != null) return service.limits();
    var entity = manifest.entities().get(from.service());
    if (entity != null) return entity.limits();
    var workflow = manifest.workflows().get(from.service());
    return workflow != null ? workflow.limits() : manifest.limits();
  }

  private String capabilityOf(Invocation from, CapabilityCall call) {
    BindingSpec binding = bindingsOf(from).get(call.binding());
    if (!(binding instanceof BindingSpec.Capability c)) {
      throw CapabilityException.bindingNotFound(call.binding(), from.service() + " has no capability binding of that name");
    }
    if (!c.contract().equals(call.contract())) {
      throw CapabilityException.bindingNotFound(call.binding(), "is a " + c.contract() + " binding, not " + call.contract());
    }
    return c.capability();
  }

  private CompletableFuture<CapabilityReply> perform(Invocation from, CapabilityCall call, Link.Generation held) {
    String capability = held.spec().name();
    String provider = held.spec().provider();
    if (call.kv() != null && held.provider() instanceof KvStore kv) {
      return KvOps.run(capability, provider, kv, call.op(), call.kv(), call.body()); // typed: nothing to parse
    }
    JsonNode args = Replies.parse(capability, call.argsJson());
    return switch (held.provider()) {
      case KvStore kv -> KvOps.run(capability, provider, kv, call.op(), args, call.body());
      case MessageBus bus -> BusOps.run(capability, provider, bus, call.op(), args, call.body());
      case BlobStore blobs -> BlobOps.run(capability, provider, blobs, call.op(), args, call.body());
      case HttpClient http -> fetch(from, capability, http, args, call.body());
      default -> throw CapabilityException.invalidArgument(capability, "no provider serves " + call.op());
    };
  }

  private CompletableFuture<CapabilityReply> fetch(Invocation from, String capability, HttpClient http, JsonNode a, byte[] body) {
    List<Header> headers = new ArrayList<>();
    Replies.pairs(a.path("headers")).forEach((k, v) -> headers.add(new Header(k, v)));
    RequestData request = new RequestData(Replies.text(capability, a, "method"), Replies.text(capability, a, "url"), headers, Replies.bodyOrEmpty(body));
    var limits = limitsOf(from);
    return http.fetch(request, limits.bodyBytesMax(), limits.wallTimeMs()).thenApply(r -> {
      List<List<String>> pairs = new ArrayList<>();
      for (Header h : r.headers()) pairs.add(List.of(h.name(), h.value()));
      return Replies.of(Replies.fields("status", r.status(), "headers", pairs), r.body());
    });
  }
}
