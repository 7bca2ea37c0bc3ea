package dev.sipbridge.app;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The bridge's shared threads: one timer, and a pool for blocking work. */
final class Threads {
  private Threads() {}

  /** Timers only; tasks on it never block. */
  static ScheduledExecutorService scheduler() {
    ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, named("bridge-timer"));
    s.setRemoveOnCancelPolicy(true);
    return s;
  }

  /**
   * Blocking work (REST calls, tools, sink lanes): threads are made on demand and die when idle, so
   * a quiet bridge holds few; when all are busy the submitter runs the task itself rather than
   * dropping it.
   */
  static ExecutorService workers() {
    return new ThreadPoolExecutor(
        8,
        512,
        30,
        TimeUnit.SECONDS,
        new SynchronousQueue<>(),
        named("bridge-worker"),
        new ThreadPoolExecutor.CallerRunsPolicy());
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
