/**
 * Messaging and cache ports with two adapters (in-process for embedded mode, Redis for distributed mode) that pass
 * one contract suite. Open with {@link io.deltastream.bus.Buses#open(io.deltastream.platform.service.ServiceContext)}.
 *
 * <ul>
 *   <li>{@link io.deltastream.bus.WorkQueues}: at-least-once work with competing consumers. A handler gets batches
 *       of {@link io.deltastream.bus.Delivery}; it makes its durable writes idempotent by message id and attaches
 *       cache writes and publishes to {@link io.deltastream.bus.Delivery#effects()}, which the bus applies exactly
 *       once per message id, atomically with the acknowledgement. Failures are retried with exponential backoff,
 *       then dead-lettered; dead letters can be listed, replayed and purged; deliveries of dead consumers are
 *       reclaimed after the visibility timeout.</li>
 *   <li>{@link io.deltastream.bus.Topics}: at-most-once fan-out; a subscription covers several topics, can change
 *       them, and is told when its connection is lost and restored.</li>
 *   <li>{@link io.deltastream.bus.Cache}: strings with TTL, hashes, scored-set indexes, and atomic multi-writes.</li>
 * </ul>
 */
package io.deltastream.bus;
