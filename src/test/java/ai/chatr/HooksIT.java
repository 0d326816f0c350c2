package ai.chatr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.chatr.support.Api;
import ai.chatr.support.Api.Agent;
import ai.chatr.support.Api.Reply;
import ai.chatr.support.Deployments;
import ai.chatr.support.HookReceiver;
import ai.chatr.support.SharedChatr;
import ai.chatr.support.StandardWebhooks;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Wake hooks against real receiving HTTP servers ({@link HookReceiver}) on this machine: a hook
 * exists only for a URL that answered its challenge and is allowed; each event kind arrives signed
 * so that the official Standard Webhooks library accepts it; failures are retried with the same
 * webhook-id, later when the receiver asks; 410 and repeated failures disable a hook, and its owner
 * enables it again; a rotation signs with both secrets; nobody touches another agent's hook.
 * The standard deployment allows hooks to 127.0.0.2 only, retries after 0.5 s and 1 s, and disables
 * a hook after two failed deliveries.
 */
@ExtendWith(SharedChatr.class)
class HooksIT {

    private static final Duration DELIVERED_WITHIN = Duration.ofSeconds(15);

    @SharedChatr.Settings
    static Map<String, String> settings() {
        return Deployments.STANDARD;
    }

    @SharedChatr.Served
    Api api;

    private final List<HookReceiver> receivers = new ArrayList<>();

    @AfterEach
    void closeReceivers() {
        receivers.forEach(HookReceiver::close);
    }

    @Test
    void anErasedAgentsHooksWakeItNoMore() {
        Agent leaving = api.register();
        Agent staying = api.register();
        Agent poster = api.register();
        HookReceiver gone = receiver();
        HookReceiver kept = receiver();
        String watching = "{\"url\":\"%s\",\"events\":[\"message\"],\"channels\":[\"general\"]}";
        assertThat(create(leaving, watching.formatted(gone.url())).status()).isEqualTo(201);
        assertThat(create(staying, watching.formatted(kept.url())).status()).isEqualTo(201);
        String before = posted(poster, "before the erasure").getString("id");
        await().atMost(DELIVERED_WITHIN).until(() -> !gone.about(before).isEmpty());

        Reply erased = api.send("DELETE", "/api/agents/me", java.net.http.HttpRequest.BodyPublishers.ofString(
                Json.createObjectBuilder().add("confirm", leaving.name()).build().toString()), "Content-Type", "application/json",
                "Authorization", "Bearer " + leaving.key());
        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        String after = posted(poster, "after the erasure").getString("id");
        await().atMost(DELIVERED_WITHIN).until(() -> !kept.about(after).isEmpty());
        assertThat(gone.about(after)).as("the erased agent's hook is gone").isEmpty();
    }

    private HookReceiver receiver() {
        HookReceiver receiver = HookReceiver.start();
        receivers.add(receiver);
        return receiver;
    }

    private record Created(String id, String secret, JsonObject hook) {
    }

    private Reply create(Agent agent, String url, String... events) {
        JsonArrayBuilder names = Json.createArrayBuilder();
        List.of(events).forEach(names::add);
        return create(agent, Json.createObjectBuilder().add("url", url).add("events", names).build().toString());
    }

    private Reply create(Agent agent, String body) {
        return api.post("/api/hooks", body, auth(agent));
    }

    private Created created(Agent agent, String url, String... events) {
        Reply reply = create(agent, url, events);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        JsonObject hook = reply.json().getJsonObject("hook");
        return new Created(hook.getString("id"), reply.json().getString("secret"), hook);
    }

    private static String[] auth(Agent agent) {
        return new String[] {"Authorization", "Bearer " + agent.key()};
    }

    private JsonObject posted(Agent author, String content) {
        Reply reply = api.say(author, content);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().getJsonObject("message");
    }

    private JsonObject replied(Agent author, String replyTo, String content) {
        Reply reply = api.post("/api/messages", Json.createObjectBuilder().add("content", content).add("replyTo", replyTo).build().toString(),
                auth(author));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().getJsonObject("message");
    }

    private List<JsonObject> log(Agent agent, String hookId, String query) {
        Reply reply = api.get("/api/hooks/" + hookId + "/deliveries" + query, auth(agent));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().getJsonArray("deliveries").getValuesAs(JsonObject.class);
    }

    @Test
    void aHookIsMadeOnlyForAUrlThatAnsweredItsChallengeAndItsSecretIsAStandardOne() {
        Agent alice = api.register();
        HookReceiver receiver = receiver();

        Created hook = created(alice, receiver.url(), "mention");

        assertThat(hook.secret()).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(hook.secret().substring("whsec_".length()))).hasSizeGreaterThanOrEqualTo(24);
        assertThat(hook.hook().getBoolean("active")).isTrue();
        assertThat(receiver.requests()).singleElement().satisfies(challenge -> {
            assertThat(challenge.type()).isEqualTo("hook.verify");
            assertThat(challenge.json().getString("challenge")).isNotBlank();
            assertThat(challenge.userAgent()).startsWith("chatr-hooks/");
            assertThat(StandardWebhooks.verify(hook.secret(), List.of(challenge))).containsExactly("verified");
        });
        assertThat(api.get("/api/hooks", auth(alice)).json().getJsonArray("hooks").getValuesAs(JsonObject.class))
                .extracting(found -> found.getString("id")).containsExactly(hook.id());
    }

    @Test
    void aUrlThatDoesNotEchoTheChallengeGetsNoHook() {
        Agent alice = api.register();
        HookReceiver wrong = receiver().challenge(request -> HookReceiver.Reply.json(200, "{\"challenge\":\"something else\"}"));
        HookReceiver failing = receiver().challenge(request -> HookReceiver.Reply.status(500));
        HookReceiver closed = receiver();
        String closedUrl = closed.url();
        closed.close();

        for (String url : List.of(wrong.url(), failing.url(), closedUrl)) {
            Reply refused = create(alice, url, "mention");
            assertThat(refused.status()).as(url + " " + refused).isEqualTo(422);
            assertThat(refused.code()).isEqualTo("hook_unverified");
            assertThat(refused.json().getString("received")).isNotBlank();
        }
        assertThat(create(alice, failing.url(), "mention").json().getString("received")).startsWith("HTTP 500");
        assertThat(api.get("/api/hooks", auth(alice)).json().getJsonArray("hooks")).isEmpty();
    }

    @Test
    void noSpellingOfThisMachineNorAPrivateAddressIsEverCalled() {
        Agent alice = api.register();
        HookReceiver local = HookReceiver.on("127.0.0.1", 0);
        receivers.add(local);
        int port = local.port();
        List<String> refused = List.of(
                "http://localhost:" + port + "/hook", "http://localhost.:" + port + "/hook", "http://127.0.0.1:" + port + "/hook",
                "http://[::1]:" + port + "/hook", "http://[::ffff:127.0.0.1]:" + port + "/hook",
                "http://2130706433:" + port + "/hook", "http://0177.0.0.1:" + port + "/hook", "http://0x7f.0.0.1:" + port + "/hook",
                "http://127.1:" + port + "/hook", "https://127.0.0.1:" + port + "/hook", "https://10.0.0.8/hook",
                "https://172.16.5.4/hook", "https://192.168.1.1/hook", "https://169.254.169.254/latest/meta-data",
                "https://100.64.0.1/hook", "https://224.0.0.1/hook", "https://0.0.0.0/hook", "https://[fd00::1]/hook",
                "https://[fe80::1]/hook", "https://[::ffff:10.0.0.1]/hook");
        for (String url : refused) {
            Reply reply = create(alice, url, "mention");
            assertThat(reply.status()).as(url + " " + reply).isEqualTo(422);
            assertThat(reply.code()).as(url).isEqualTo("hook_url_refused");
            assertThat(reply.json().getString("reason")).as(url).isNotBlank();
        }
        for (String url : List.of("ftp://127.0.0.2/hook", "https://user:pass@127.0.0.2/hook", "/hook", "not a url", "")) {
            Reply reply = create(alice, url, "mention");
            assertThat(reply.status()).as(url + " " + reply).isIn(400, 422);
            assertThat(reply.json().getBoolean("success")).isFalse();
        }
        assertThat(local.requests()).as("requests that reached 127.0.0.1").isEmpty();
        assertThat(api.get("/api/hooks", auth(alice)).json().getJsonArray("hooks")).isEmpty();
    }

    @Test
    void badBodiesAreRefusedAndStoreNothing() {
        Agent alice = api.register();
        String url = receiver().url();
        Map<String, String> bodies = Map.of(
                "{\"events\":[\"mention\"]}", "invalid_url",
                "{\"url\":\"" + url + "\",\"events\":[\"shout\"]}", "invalid_events",
                "{\"url\":\"" + url + "\",\"events\":[]}", "invalid_events",
                "{\"url\":\"" + url + "\",\"events\":\"mention\"}", "invalid_request",
                "{\"url\":\"" + url + "\",\"events\":[\"message\"]}", "channels_required",
                "{\"url\":\"" + url + "\",\"events\":[\"mention\"],\"channels\":[\"general\"]}", "channels_not_allowed",
                "{\"url\":\"" + url + "\",\"events\":[\"message\"],\"channels\":[\"no-such-channel-here\"]}", "channel_not_found",
                "[1,2]", "invalid_request");
        bodies.forEach((body, code) -> {
            Reply reply = create(alice, body);
            assertThat(reply.status()).as(body + " " + reply).isBetween(400, 404);
            assertThat(reply.code()).as(body).isEqualTo(code);
        });
        assertThat(api.get("/api/hooks", auth(alice)).json().getJsonArray("hooks")).isEmpty();
    }

    @Test
    void aNoticeWakesNoHookAndTheMessageAfterItDoes() {
        Agent alice = api.register();
        Agent bot = api.register();
        HookReceiver receiver = receiver();
        created(alice, receiver.url(), "mention", "reply");
        String asked = api.say(alice, "status?").json().getJsonObject("message").getString("id");
        Reply notice = api.post("/api/messages", Json.createObjectBuilder().add("content", "@" + alice.name() + " all green")
                .add("replyTo", asked).add("kind", "notice").build().toString(), auth(bot));
        assertThat(notice.status()).as(notice.toString()).isEqualTo(200);
        String mention = api.say(bot, "@" + alice.name() + " one more thing").json().getJsonObject("message").getString("id");
        await().atMost(DELIVERED_WITHIN).until(() -> !receiver.about(mention).isEmpty());
        assertThat(receiver.about(notice.json().getJsonObject("message").getString("id"))).as("deliveries of the notice").isEmpty();
    }

    @Test
    void anAgentHasAtMostFiveHooks() {
        Agent alice = api.register();
        HookReceiver receiver = receiver();
        for (int i = 0; i < 5; i++) {
            created(alice, receiver.url(), "mention");
        }
        Reply sixth = create(alice, receiver.url(), "mention");
        assertThat(sixth.status()).isEqualTo(409);
        assertThat(sixth.code()).isEqualTo("too_many_hooks");
    }

    @Test
    void anAgentHasOneChallengeOutAtATime() {
        Agent alice = api.register();
        Agent bob = api.register();
        HookReceiver slow = receiver().challenge(request -> HookReceiver.Reply.hanging());
        HookReceiver quick = receiver();
        CompletableFuture<Reply> first = CompletableFuture.supplyAsync(() -> create(alice, slow.url(), "mention"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !slow.requests().isEmpty());

        Reply second = create(alice, quick.url(), "mention");
        assertThat(second.status()).as(second.toString()).isEqualTo(409);
        assertThat(second.code()).isEqualTo("hook_verification_in_progress");
        assertThat(quick.requests()).as("no challenge was sent for the refused hook").isEmpty();
        created(bob, quick.url(), "mention"); // another agent is not held up

        assertThat(first.join().code()).isEqualTo("hook_unverified");
        created(alice, quick.url(), "mention");
    }

    @Test
    void mentionsRepliesAndChannelMessagesArriveSignedWithTheMessageAsTheStreamSendsIt() {
        Agent alice = api.register();
        Agent bob = api.register();
        HookReceiver mentions = receiver();
        HookReceiver replies = receiver();
        HookReceiver general = receiver();
        Created onMention = created(alice, mentions.url(), "mention");
        Created onReply = created(alice, replies.url(), "reply");
        Reply watching = create(alice, Json.createObjectBuilder().add("url", general.url()).add("events", Json.createArrayBuilder().add("message"))
                .add("channels", Json.createArrayBuilder().add("general")).build().toString());
        assertThat(watching.status()).as(watching.toString()).isEqualTo(201);
        String onMessageSecret = watching.json().getString("secret");

        JsonObject mention = posted(bob, "hello @" + alice.name() + ", are you there?");
        JsonObject own = posted(alice, "my own words wake nobody " + System.nanoTime());
        JsonObject reply = replied(bob, own.getString("id"), "an answer to you");

        await().atMost(DELIVERED_WITHIN).until(() -> mentions.about(mention.getString("id")).size() == 1
                && replies.about(reply.getString("id")).size() == 1 && general.about(reply.getString("id")).size() == 1
                && general.about(mention.getString("id")).size() == 1);
        HookReceiver.Request mentioned = mentions.about(mention.getString("id")).get(0);
        assertThat(mentioned.json().getString("type")).isEqualTo("mention");
        assertThat(mentioned.json().getString("hook")).isEqualTo(onMention.id());
        assertThat(mentioned.json().getJsonObject("data")).isEqualTo(mention);
        assertThat(mentioned.contentType()).startsWith("application/json");
        assertThat(mentioned.userAgent()).startsWith("chatr-hooks/");
        assertThat(StandardWebhooks.verify(onMention.secret(), List.of(mentioned))).containsExactly("verified");
        HookReceiver.Request answered = replies.about(reply.getString("id")).get(0);
        assertThat(answered.json().getString("type")).isEqualTo("reply");
        assertThat(answered.json().getJsonObject("data")).isEqualTo(reply);
        assertThat(StandardWebhooks.verify(onReply.secret(), List.of(answered))).containsExactly("verified");
        HookReceiver.Request inGeneral = general.about(mention.getString("id")).get(0);
        assertThat(inGeneral.json().getString("type")).isEqualTo("message");
        assertThat(StandardWebhooks.verify(onMessageSecret, List.of(inGeneral))).containsExactly("verified");
        assertThat(general.about(own.getString("id"))).isEmpty();
        assertThat(mentions.about(own.getString("id"))).isEmpty();
        assertThat(replies.about(own.getString("id"))).isEmpty();
        assertThat(log(alice, onMention.id(), "?status=delivered")).anySatisfy(line -> {
            assertThat(line.getString("messageId")).isEqualTo(mention.getString("id"));
            assertThat(line.getInt("attempts")).isEqualTo(1);
            assertThat(line.getInt("lastStatus")).isEqualTo(204);
        });
    }

    @Test
    void failuresAreRetriedWithTheSameWebhookIdUntilDelivered() {
        Agent alice = api.register();
        Agent bob = api.register();
        AtomicInteger calls = new AtomicInteger();
        HookReceiver receiver = receiver().answer(request -> calls.incrementAndGet() <= 2 ? HookReceiver.Reply.status(500)
                : HookReceiver.Reply.status(200));
        Created hook = created(alice, receiver.url(), "mention");

        JsonObject message = posted(bob, "@" + alice.name() + " ping");

        await().atMost(DELIVERED_WITHIN).until(() -> receiver.about(message.getString("id")).size() == 3);
        assertThat(receiver.about(message.getString("id"))).extracting(HookReceiver.Request::id).containsOnly(
                receiver.about(message.getString("id")).get(0).id());
        await().atMost(DELIVERED_WITHIN).untilAsserted(() -> assertThat(log(alice, hook.id(), "")).singleElement().satisfies(line -> {
            assertThat(line.getString("status")).isEqualTo("delivered");
            assertThat(line.getInt("attempts")).isEqualTo(3);
        }));
        assertThat(StandardWebhooks.verify(hook.secret(), receiver.about(message.getString("id")))).containsOnly("verified");
    }

    @Test
    void aReceiverThatAsksForMoreTimeGetsIt() {
        Agent alice = api.register();
        Agent bob = api.register();
        AtomicInteger calls = new AtomicInteger();
        HookReceiver receiver = receiver().answer(request -> calls.incrementAndGet() == 1
                ? new HookReceiver.Reply(503, Map.of("Retry-After", "3"), "", false) : HookReceiver.Reply.status(204));
        created(alice, receiver.url(), "mention");

        JsonObject message = posted(bob, "@" + alice.name() + " later is fine");

        await().atMost(DELIVERED_WITHIN).until(() -> receiver.about(message.getString("id")).size() == 2);
        List<HookReceiver.Request> attempts = receiver.about(message.getString("id"));
        assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void goneDisablesAtOnceAndTheOwnerEnablesAgain() {
        Agent alice = api.register();
        Agent bob = api.register();
        HookReceiver receiver = receiver().answer(request -> HookReceiver.Reply.status(410));
        Created hook = created(alice, receiver.url(), "mention");

        JsonObject first = posted(bob, "@" + alice.name() + " are you gone?");
        await().atMost(DELIVERED_WITHIN).untilAsserted(() ->
                assertThat(api.get("/api/hooks/" + hook.id(), auth(alice)).json().getJsonObject("hook").getString("disabledReason", null))
                        .isEqualTo("gone"));
        assertThat(receiver.about(first.getString("id"))).hasSize(1);
        assertThat(api.post("/api/hooks/" + hook.id() + "/ping", null, auth(alice)).code()).isEqualTo("hook_disabled");

        receiver.answer(request -> HookReceiver.Reply.status(204));
        Reply enabled = api.post("/api/hooks/" + hook.id() + "/enable", null, auth(alice));
        assertThat(enabled.json().getJsonObject("hook").getBoolean("active")).isTrue();
        assertThat(api.post("/api/hooks/" + hook.id() + "/ping", null, auth(alice)).status()).isEqualTo(200);
        await().atMost(DELIVERED_WITHIN).until(() -> receiver.deliveries().stream().anyMatch(request -> request.type().equals("ping")));
        HookReceiver.Request ping = receiver.deliveries().stream().filter(request -> request.type().equals("ping")).findFirst().orElseThrow();
        assertThat(ping.json().getJsonObject("data")).isEmpty();
    }

    @Test
    void deliveriesThatKeepFailingFailThenDisableTheHookAndCanBeRetried() {
        Agent alice = api.register();
        Agent bob = api.register();
        HookReceiver receiver = receiver().answer(request -> HookReceiver.Reply.status(500));
        Created hook = created(alice, receiver.url(), "mention");

        posted(bob, "@" + alice.name() + " one");
        posted(bob, "@" + alice.name() + " two");

        await().atMost(DELIVERED_WITHIN).untilAsserted(() -> {
            JsonObject found = api.get("/api/hooks/" + hook.id(), auth(alice)).json().getJsonObject("hook");
            assertThat(found.getBoolean("active")).isFalse();
            assertThat(found.getString("disabledReason", null)).isEqualTo("failing");
        });
        List<JsonObject> failed = log(alice, hook.id(), "?status=failed");
        assertThat(failed).hasSize(2).allSatisfy(line -> {
            assertThat(line.getInt("attempts")).isEqualTo(3);
            assertThat(line.getInt("lastStatus")).isEqualTo(500);
        });
        String again = failed.get(0).getString("id");
        assertThat(api.post("/api/hooks/" + hook.id() + "/deliveries/" + again + "/retry", null, auth(alice)).code()).isEqualTo("hook_disabled");

        receiver.answer(request -> HookReceiver.Reply.status(204));
        api.post("/api/hooks/" + hook.id() + "/enable", null, auth(alice));
        Reply retried = api.post("/api/hooks/" + hook.id() + "/deliveries/" + again + "/retry", null, auth(alice));
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        await().atMost(DELIVERED_WITHIN).untilAsserted(() -> assertThat(log(alice, hook.id(), "?status=delivered"))
                .extracting(line -> line.getString("id")).contains(again));
        assertThat(api.post("/api/hooks/" + hook.id() + "/deliveries/" + again + "/retry", null, auth(alice)).code())
                .isEqualTo("delivery_not_failed");
    }

    @Test
    void afterARotationDeliveriesCarryBothSignatures() {
        Agent alice = api.register();
        Agent bob = api.register();
        HookReceiver receiver = receiver();
        Created hook = created(alice, receiver.url(), "mention");

        Reply rotated = api.post("/api/hooks/" + hook.id() + "/rotate", null, auth(alice));
        String secret = rotated.json().getString("secret");
        assertThat(secret).startsWith("whsec_").isNotEqualTo(hook.secret());
        JsonObject message = posted(bob, "@" + alice.name() + " new keys");

        await().atMost(DELIVERED_WITHIN).until(() -> receiver.about(message.getString("id")).size() == 1);
        HookReceiver.Request delivery = receiver.about(message.getString("id")).get(0);
        assertThat(delivery.signature().split(" ")).hasSize(2).allMatch(signature -> signature.startsWith("v1,"));
        assertThat(StandardWebhooks.verify(secret, List.of(delivery))).containsExactly("verified");
        assertThat(StandardWebhooks.verify(hook.secret(), List.of(delivery))).containsExactly("verified");
        assertThat(StandardWebhooks.verify("whsec_" + Base64.getEncoder().encodeToString(new byte[32]), List.of(delivery)))
                .singleElement().asString().startsWith("refused");
    }

    @Test
    void anotherAgentsHookIsNotFoundAndADeletedOneIsGone() {
        Agent alice = api.register();
        Agent mallory = api.register();
        Created hook = created(alice, receiver().url(), "mention");

        for (Reply reply : List.of(api.get("/api/hooks/" + hook.id(), auth(mallory)),
                api.send("DELETE", "/api/hooks/" + hook.id(), java.net.http.HttpRequest.BodyPublishers.noBody(), auth(mallory)),
                api.post("/api/hooks/" + hook.id() + "/rotate", null, auth(mallory)),
                api.post("/api/hooks/" + hook.id() + "/ping", null, auth(mallory)),
                api.post("/api/hooks/" + hook.id() + "/enable", null, auth(mallory)),
                api.get("/api/hooks/" + hook.id() + "/deliveries", auth(mallory)))) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
            assertThat(reply.code()).isEqualTo("hook_not_found");
        }
        assertThat(api.get("/api/hooks", auth(mallory)).json().getJsonArray("hooks")).isEmpty();
        assertThat(api.get("/api/hooks/" + hook.id(), auth(alice)).status()).isEqualTo(200);
        assertThat(api.get("/api/hooks").status()).isEqualTo(401);

        assertThat(api.send("DELETE", "/api/hooks/" + hook.id(), java.net.http.HttpRequest.BodyPublishers.noBody(), auth(alice)).status())
                .isEqualTo(200);
        assertThat(api.get("/api/hooks/" + hook.id(), auth(alice)).status()).isEqualTo(404);
    }
}
