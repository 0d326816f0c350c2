package ai.chatr.messages.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The one row that hands out message ids. Posting locks it ({@code SELECT … FOR UPDATE}) until
 * the message commits, so ids are dense and commit in increasing order on every node: a stream
 * that resumes "after id N" can never miss a message that committed late.
 */
@Entity
@Table(name = "message_counter")
public class MessageCounter {

    public static final int ID = 1;

    @Id
    private int id;

    @Column(name = "last_id", nullable = false)
    private long lastId;

    protected MessageCounter() {
    }

    public MessageCounter(long lastId) {
        this.id = ID;
        this.lastId = lastId;
    }

    public long next() {
        return ++lastId;
    }
}
