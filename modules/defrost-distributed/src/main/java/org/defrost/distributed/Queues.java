package org.defrost.distributed;

/** The broker's queues and the message properties defrost uses. */
public final class Queues {
    /** Work units waiting for a worker: persistent text messages holding a unit description as JSON. */
    public static final String UNITS = "defrost.units";
    /**
     * Where the broker moves a unit after its last failed delivery attempt. {@code DLQ} is the dead-letter
     * address of a new Artemis broker instance and of {@link EmbeddedBroker}.
     */
    public static final String DEAD_LETTERS = "DLQ";
    /** Prefix of the queue on which one dispatcher gathers the completions of the units it published. */
    static final String COMPLETIONS_PREFIX = "defrost.completions.";
    /** Property of a unit message: the completion queue of the dispatcher that published it. */
    static final String COMPLETIONS_PROPERTY = "defrostCompletions";
    /** Property of unit and completion messages: the unit's output key. */
    static final String KEY_PROPERTY = "defrostKey";
    /** Property of a unit message: the unit's name, for people browsing the queue. */
    static final String UNIT_PROPERTY = "defrostUnit";
    /** Artemis's count of deliveries of a message, this one included. */
    static final String DELIVERY_COUNT = "JMSXDeliveryCount";

    private Queues() {
    }
}
