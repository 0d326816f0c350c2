package ai.chatr.messages.entity;

import ai.chatr.http.Digest;

/**
 * What a post sent with an idempotency key is stored with, so that a repeat finds it: the key as
 * its author sent it, hashed with the author's id, and the hash of what the post asked for.
 */
public record Retry(String key, String request) {

    /** The post's retry marks, or null when it came without a key. */
    public static Retry of(String agentId, Post post) {
        return post.idempotencyKey() == null ? null
                : new Retry(Digest.sha256(agentId + "\n" + post.idempotencyKey()), Digest.sha256(post.request()));
    }
}
