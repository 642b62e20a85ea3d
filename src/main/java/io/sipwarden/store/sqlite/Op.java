package io.sipwarden.store.sqlite;

import io.sipwarden.decision.Decision;
import io.sipwarden.net.Cidr;
import io.sipwarden.sensor.CursorStore.Cursor;
import java.net.InetAddress;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/** One queued write for the SQLite writer thread. */
sealed interface Op {
    record SaveDecision(Decision decision) implements Op {
    }

    record Revoke(Cidr scope, Instant at) implements Op {
    }

    record Offence(InetAddress address, int count, Instant at) implements Op {
    }

    record Event(Instant time, String kind, String srcIp, String json) implements Op {
    }

    record SaveCursor(Cursor cursor) implements Op {
    }

    /** Released once everything queued before it is committed. */
    record Barrier(CountDownLatch latch) implements Op {
    }
}
