package org.sfcrime.dashboard;

import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands each published event to every connected /events stream. Each stream has a bounded queue; a
 * stream that falls that far behind is dropped, and the browser's EventSource reconnects and starts
 * again from a full snapshot, which is exact because the page keeps the latest value per key.
 */
final class EventHub {

    static final int QUEUE_CAPACITY = 1000;

    /** One connected stream's pending events. */
    static final class Subscription {
        final BlockingQueue<ServerSentEvent> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        volatile boolean overflowed;
    }

    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();

    Subscription subscribe() {
        Subscription subscription = new Subscription();
        subscriptions.add(subscription);
        return subscription;
    }

    void unsubscribe(Subscription subscription) {
        subscriptions.remove(subscription);
    }

    void publish(ServerSentEvent event) {
        for (Subscription subscription : subscriptions) {
            if (!subscription.queue.offer(event)) {
                subscription.overflowed = true;
                subscriptions.remove(subscription);
            }
        }
    }

    int streams() {
        return subscriptions.size();
    }
}
