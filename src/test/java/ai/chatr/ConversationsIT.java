package ai.chatr;

import static ai.chatr.ApiIT.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.chatr.support.Api;
import ai.chatr.support.Api.Agent;
import ai.chatr.support.Api.Reply;
import ai.chatr.support.Deployments;
import ai.chatr.support.EventStream;
import ai.chatr.support.FakeMoltbook;
import ai.chatr.support.SharedChatr;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Mentions, replies, the inbox, waiting for what is new, and streams for one agent, over HTTP and
 * SSE. One vote makes a channel here, so that a reply can be tried across channels; three
 * requests of one address may wait at once.
 */
@ExtendWith(SharedChatr.class)
class ConversationsIT {

    private static final FakeMoltbook MOLTBOOK = FakeMoltbook.start();
    private static final int WAITS_PER_ADDRESS = 3;

    @SharedChatr.Settings
    static Map<String, String> settings() {
        return Deployments.lifted(Map.of(
                "chatr.moltbook.api-url", MOLTBOOK.apiUrl(),
                "chatr.channels.votes-needed", "1",
                "chatr.limits.waits-per-ip", Integer.toString(WAITS_PER_ADDRESS)));
    }

    @AfterAll
    static void stopMoltbook() {
        MOLTBOOK.close();
    }

    @SharedChatr.Served
    Api api;

    @Test
    void mentionsAreRegisteredNamesAsRegisteredWhateverTheCase() {
        Agent bob = api.register(Api.uniqueName("Bob"));
        Agent carol = api.register(Api.uniqueName("Carol"));
        Agent author = api.register();
        String text = "@" + bob.name().toUpperCase() + " and @" + carol.name() + ", not @not_an_agent_here nor me@" + carol.name()
                + ".example; @" + bob.name();
        JsonObject message = message(api.say(author, text));
        assertThat(names(message)).containsExactly(bob.name(), carol.name());
        assertThat(names(message(api.say(author, "nobody in particular")))).isEmpty();
        assertThat(Api.isNull(message, "replyTo")).isTrue();
        assertThat(message(api.say(author, "(@" + bob.name() + ")")).getJsonArray("mentions")).hasSize(1);
    }

    @Test
    void atMostTenMentionsCount() {
        Agent author = api.register();
        List<Agent> many = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            Agent agent = api.register(Api.uniqueName("m"));
            many.add(agent);
            text.append('@').append(agent.name()).append(' ');
        }
        JsonObject message = message(api.say(author, text.toString().strip()));
        assertThat(names(message)).containsExactlyElementsOf(many.subList(0, 10).stream().map(Agent::name).toList());
        assertThat(inbox(many.get(9))).extracting(m -> m.getString("id")).containsExactly(message.getString("id"));
        assertThat(inbox(many.get(10))).as("the eleventh is not mentioned").isEmpty();
    }

    @Test
    void repliesAnswerAnExistingMessageInItsChannel() {
        Agent asker = api.register();
        Agent answerer = api.register();
        JsonObject question = message(api.say(asker, "anyone?"));
        JsonObject reply = message(post(answerer, Json.createObjectBuilder().add("content", "me!").add("replyTo", question.getString("id"))));
        assertThat(reply.getString("replyTo")).isEqualTo(question.getString("id"));
        assertThat(reply.getString("channel")).isEqualTo("general");
        JsonObject byNumber = message(post(answerer, Json.createObjectBuilder().add("content", "again")
                .add("replyTo", Long.parseLong(question.getString("id")))));
        assertThat(byNumber.getString("replyTo")).isEqualTo(question.getString("id"));

        String channel = channel();
        JsonObject elsewhere = message(post(asker, Json.createObjectBuilder().add("content", "in a channel").add("channel", channel)));
        JsonObject followsIt = message(post(answerer, Json.createObjectBuilder().add("content", "there too").add("replyTo", elsewhere.getString("id"))));
        assertThat(followsIt.getString("channel")).as("a reply goes to its message's channel").isEqualTo(channel);

        long before = lastId();
        assertRefused(post(answerer, Json.createObjectBuilder().add("content", "x").add("replyTo", elsewhere.getString("id")).add("channel", "general")),
                400, "reply_channel_mismatch", "A reply goes to the channel of the message it answers: " + channel);
        for (String missing : List.of("999999999", "abc", "-1", "")) {
            assertRefused(post(answerer, Json.createObjectBuilder().add("content", "x").add("replyTo", missing)), 404, "message_not_found",
                    "The message you reply to does not exist");
        }
        assertRefused(post(answerer, Json.createObjectBuilder().add("content", "x").add("replyTo", true)), 400, "invalid_request",
                "Field 'replyTo' must be a string.");
        assertThat(lastId()).as("refused replies store nothing").isEqualTo(before);
    }

    @Test
    void theInboxHoldsMentionsAndRepliesOldestFirstAndNotOnesOwn() {
        Agent me = api.register(Api.uniqueName("Inbox"));
        Agent other = api.register();
        assertRefused(api.get("/api/mentions"), 401, "unauthorized", "Invalid API key. Use: Authorization: Bearer YOUR_KEY");

        JsonObject mine = message(api.say(me, "my question, @" + me.name()));
        api.say(other, "unrelated");
        JsonObject mention = message(api.say(other, "hey @" + me.name()));
        JsonObject reply = message(post(other, Json.createObjectBuilder().add("content", "an answer").add("replyTo", mine.getString("id"))));
        JsonObject both = message(post(other, Json.createObjectBuilder().add("content", "@" + me.name() + " again")
                .add("replyTo", mine.getString("id"))));

        assertThat(inbox(me)).extracting(m -> m.getString("id"))
                .containsExactly(mention.getString("id"), reply.getString("id"), both.getString("id"));
        assertThat(page(me, "?limit=2")).extracting(m -> m.getString("id")).containsExactly(reply.getString("id"), both.getString("id"));
        assertThat(page(me, "?after=" + mention.getString("id") + "&limit=1")).extracting(m -> m.getString("id"))
                .containsExactly(reply.getString("id"));
        assertThat(page(me, "?before=" + reply.getString("id"))).extracting(m -> m.getString("id")).containsExactly(mention.getString("id"));
        assertThat(inbox(other)).as("the author of a message is not addressed by it").isEmpty();
    }

    @Test
    void aWaitIsAnsweredWhenSomethingArrivesAndEmptyWhenTimeIsUp() {
        Agent poster = api.register();
        long last = lastId();
        CompletableFuture<Reply> waiting = api.getLater("/api/messages?after=" + last + "&wait=20");
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !waiting.isDone());
        JsonObject posted = message(api.say(poster, "news"));
        Reply answered = waiting.orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(answered.status()).isEqualTo(200);
        assertThat(answered.json().getJsonArray("messages").getValuesAs(JsonObject.class)).extracting(m -> m.getString("id"))
                .containsExactly(posted.getString("id"));

        Reply nothing = api.getLater("/api/messages?after=" + lastId() + "&wait=1").join();
        assertThat(nothing.status()).isEqualTo(200);
        assertThat(nothing.json().getBoolean("success")).isTrue();
        assertThat(nothing.json().getJsonArray("messages")).isEmpty();

        assertThat(api.get("/api/messages?after=" + (lastId() - 1) + "&wait=5").json().getJsonArray("messages"))
                .as("something there already: answered at once").hasSize(1);
        for (String bad : List.of("0", "31", "x", "1.5", "-3")) {
            assertRefused(api.get("/api/messages?after=1&wait=" + bad), 400, "invalid_wait",
                    "wait must be a whole number of seconds from 1 to 30");
        }
    }

    @Test
    void aWaitForOnesMentionsIgnoresEverythingElse() {
        Agent me = api.register(Api.uniqueName("Waiter"));
        Agent other = api.register();
        String channel = channel();
        long last = lastId();
        CompletableFuture<Reply> mentions = api.getLater("/api/mentions?after=" + last + "&wait=20", auth(me));
        CompletableFuture<Reply> inChannel = api.getLater("/api/messages?after=" + last + "&wait=20&channel=" + channel);
        api.say(other, "not for you");
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !mentions.isDone() && !inChannel.isDone());

        JsonObject forMe = message(api.say(other, "@" + me.name() + " this is"));
        assertThat(mentions.orTimeout(10, TimeUnit.SECONDS).join().json().getJsonArray("messages")
                .getValuesAs(JsonObject.class)).extracting(m -> m.getString("id")).containsExactly(forMe.getString("id"));
        assertThat(inChannel).isNotDone();
        JsonObject there = message(post(other, Json.createObjectBuilder().add("content", "channel news").add("channel", channel)));
        assertThat(inChannel.orTimeout(10, TimeUnit.SECONDS).join().json().getJsonArray("messages")
                .getValuesAs(JsonObject.class)).extracting(m -> m.getString("id")).containsExactly(there.getString("id"));
    }

    @Test
    void atMostThreeRequestsOfOneAddressWaitAtOnce() {
        long last = lastId();
        List<CompletableFuture<Reply>> waiting = new ArrayList<>();
        for (int i = 0; i < WAITS_PER_ADDRESS; i++) {
            waiting.add(api.getLater("/api/messages?after=" + last + "&wait=20"));
        }
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> waiting.stream().noneMatch(CompletableFuture::isDone));
        Reply fourth = api.get("/api/messages?after=" + last + "&wait=20");
        assertRefused(fourth, 429, "too_many_waits", "Too many waiting requests: at most 3 at once per address.");
        assertThat(fourth.header("Retry-After")).isPresent();
        assertThat(api.get("/api/messages?after=" + last).status()).as("asking without waiting still works").isEqualTo(200);
        api.say(api.register(), "answers them all");
        waiting.forEach(w -> assertThat(w.orTimeout(10, TimeUnit.SECONDS).join().json().getJsonArray("messages")).hasSize(1));
        Reply again = api.getLater("/api/messages?after=" + lastId() + "&wait=1").join();
        assertThat(again.status()).as("answered waits give their place back").isEqualTo(200);
    }

    @Test
    void aStreamForMeCarriesWhatIsAddressedToMeAndResumes() {
        Agent me = api.register(Api.uniqueName("Streamer"));
        Agent other = api.register();
        try (EventStream anonymous = EventStream.open(URI.create(api.base() + "/api/stream?for=me"))) {
            assertThat(anonymous.status()).isEqualTo(401);
        }
        assertRefused(api.get("/api/stream?for=you", auth(me)), 400, "invalid_for", "for must be 'me'");
        JsonObject earlier = message(api.say(other, "@" + me.name() + " earlier"));
        long seen;
        try (EventStream stream = EventStream.open(URI.create(api.base() + "/api/stream?for=me"), auth(me))) {
            await().atMost(EventStream.patience()).until(() -> !stream.ofType("history").isEmpty());
            assertThat(stream.ofType("history").get(0).json().getJsonArray("data").getValuesAs(JsonObject.class))
                    .extracting(m -> m.getString("id")).containsExactly(earlier.getString("id"));
            api.say(other, "not for me");
            long live = Long.parseLong(message(api.say(other, "@" + me.name() + " live")).getString("id"));
            await().atMost(EventStream.patience()).until(() -> stream.messageIds().contains(live));
            assertThat(stream.messageIds()).containsExactly(live);
            seen = live;
        }
        long missed = Long.parseLong(message(post(other, Json.createObjectBuilder().add("content", "a reply to you")
                .add("replyTo", message(api.say(me, "mine")).getString("id")))).getString("id"));
        try (EventStream resumed = EventStream.open(URI.create(api.base() + "/api/stream?for=me"), "Last-Event-ID", Long.toString(seen),
                "Authorization", "Bearer " + me.key())) {
            await().atMost(EventStream.patience()).until(() -> resumed.messageIds().contains(missed));
            assertThat(resumed.messageIds()).containsExactly(missed);
            assertThat(resumed.ofType("history")).isEmpty();
        }
    }

    // --- helpers ---

    private String channel() {
        Agent founder = api.register();
        MOLTBOOK.verify(api, founder);
        String name = "talk-" + ProcessHandle.current().pid() % 10000 + "-" + System.nanoTime() % 100000;
        Reply proposed = api.post("/api/channels", Api.object("name", name, "description", "").toString(), auth(founder));
        assertThat(proposed.json().getJsonObject("channel").getString("status")).as(proposed.toString()).isEqualTo("active");
        return name;
    }

    private Reply post(Agent agent, JsonObjectBuilder body) {
        return api.post("/api/messages", body.build().toString(), auth(agent));
    }

    private List<JsonObject> inbox(Agent agent) {
        return page(agent, "");
    }

    private List<JsonObject> page(Agent agent, String query) {
        Reply reply = api.get("/api/mentions" + query, auth(agent));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().getJsonArray("messages").getValuesAs(JsonObject.class);
    }

    private long lastId() {
        List<JsonObject> newest = api.get("/api/messages?limit=1").json().getJsonArray("messages").getValuesAs(JsonObject.class);
        return newest.isEmpty() ? 0 : Long.parseLong(newest.get(0).getString("id"));
    }

    private static JsonObject message(Reply posted) {
        assertThat(posted.status()).as(posted.toString()).isEqualTo(200);
        return posted.json().getJsonObject("message");
    }

    private static List<String> names(JsonObject message) {
        return message.getJsonArray("mentions").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private static String[] auth(Agent agent) {
        return new String[] {"Authorization", "Bearer " + agent.key()};
    }
}
