/**
 * Scale-out over an ActiveMQ Artemis broker through Camel's JMS component. {@link
 * org.defrost.distributed.BrokerUnitDispatcher} publishes a run's work units to the queue {@code defrost.units}
 * and gathers their completions; {@link org.defrost.distributed.UnitWorker} takes units from the queue, runs
 * them against the shared workspace and reports back; {@link org.defrost.distributed.EmbeddedBroker} is a
 * broker for one machine and for tests. Delivery is at least once: a unit's output is content-addressed,
 * so running it again is a cache hit.
 */
package org.defrost.distributed;
