package org.defrost.distributed;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** What JMS cannot ask of a queue, through Artemis's core client: its consumers, and deleting it. */
final class QueueAdmin {
    private QueueAdmin() {
    }

    /** Consumers now attached to {@code queue}. */
    static int consumers(ActiveMQConnectionFactory factory, String queue) throws Exception {
        try (ClientSessionFactory sessions = factory.getServerLocator().createSessionFactory();
             ClientSession session = sessions.createSession()) {
            return session.queueQuery(SimpleString.of(queue)).getConsumerCount();
        }
    }

    /** Deletes {@code queue} with any messages left in it. */
    static void delete(ActiveMQConnectionFactory factory, String queue) throws Exception {
        try (ClientSessionFactory sessions = factory.getServerLocator().createSessionFactory();
             ClientSession session = sessions.createSession()) {
            session.deleteQueue(SimpleString.of(queue));
        }
    }
}
