package dev.touchline.testkit.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy on loopback between a client and its store's server (DynamoDB Local's HTTP server, a
 * queue) that breaks a share of the requests it carries the way a network does, its faults drawn
 * and counted by a {@link FaultInjector}:
 *
 * <ul>
 *   <li>{@link FaultInjector.Kind#BEFORE}: the connection is reset before the request reaches the
 *       server (nothing done);
 *   <li>{@link FaultInjector.Kind#AFTER}: the request reaches the server, which does its work; the
 *       connection is reset before the answer reaches the client;
 *   <li>{@link FaultInjector.Kind#TIMEOUT}: the request reaches the server; the answer stops half
 *       way and stalls for {@code stall} (longer than the client's patience), then the connection
 *       is reset.
 * </ul>
 *
 * A request is one read from the client's side of the connection (a request sent in two writes is
 * judged twice); the answer to it is the next read from the server's side.
 */
public final class FaultyTcpProxy implements AutoCloseable {
  private static final FaultInjector.Kind[] ALL_KINDS = {
    FaultInjector.Kind.BEFORE, FaultInjector.Kind.AFTER, FaultInjector.Kind.TIMEOUT
  };

  private final ServerSocket server;
  private final InetSocketAddress target;
  private final FaultInjector faults;
  private final Duration stall;
  private final FaultInjector.Kind[] kinds;

  /**
   * @param targetPort the loopback port of the server behind the proxy
   * @param faults draws and counts the faults; {@link FaultInjector#enabled(boolean)} turns them
   *     off
   * @param stall how long a stalled answer hangs before its connection is reset
   */
  public FaultyTcpProxy(int targetPort, FaultInjector faults, Duration stall) throws IOException {
    this(targetPort, faults, stall, ALL_KINDS);
  }

  /** A proxy injecting only the given kinds of fault (of BEFORE, AFTER and TIMEOUT). */
  public FaultyTcpProxy(
      int targetPort, FaultInjector faults, Duration stall, FaultInjector.Kind... kinds)
      throws IOException {
    for (FaultInjector.Kind k : kinds) {
      if (k == FaultInjector.Kind.THROTTLED) {
        throw new IllegalArgumentException("a TCP proxy cannot throttle");
      }
    }
    this.kinds = kinds.clone();
    this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
    this.faults = faults;
    this.stall = stall;
    Thread accept = new Thread(this::accept, "faulty-proxy-accept");
    accept.setDaemon(true);
    accept.start();
  }

  /** The loopback port clients connect to. */
  public int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        continue; // closed, or one failed accept: the loop decides
      }
      try {
        Socket upstream = new Socket(target.getAddress(), target.getPort());
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
        new Connection(client, upstream).start();
      } catch (IOException e) {
        reset(client);
      }
    }
  }

  /** One proxied connection: a pump each way, and the fault owed to the next answer. */
  private final class Connection {
    private final Socket client;
    private final Socket upstream;
    private final AtomicReference<FaultInjector.Kind> owed = new AtomicReference<>();

    Connection(Socket client, Socket upstream) {
      this.client = client;
      this.upstream = upstream;
    }

    void start() {
      daemon("faulty-proxy-request", this::requests).start();
      daemon("faulty-proxy-answer", this::answers).start();
    }

    private void requests() {
      byte[] buffer = new byte[64 * 1024];
      try (InputStream in = client.getInputStream()) {
        OutputStream out = upstream.getOutputStream();
        int n;
        while ((n = in.read(buffer)) > 0) {
          FaultInjector.Kind fault = faults.roll(kinds);
          if (fault == FaultInjector.Kind.BEFORE) {
            break;
          }
          if (fault != null) {
            owed.set(fault);
          }
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException closed) {
        // either side went away
      }
      resetBoth();
    }

    private void answers() {
      byte[] buffer = new byte[64 * 1024];
      try (InputStream in = upstream.getInputStream()) {
        OutputStream out = client.getOutputStream();
        int n;
        while ((n = in.read(buffer)) > 0) {
          FaultInjector.Kind fault = owed.getAndSet(null);
          if (fault == FaultInjector.Kind.AFTER) {
            break;
          }
          if (fault == FaultInjector.Kind.TIMEOUT) {
            out.write(buffer, 0, Math.max(1, n / 2));
            out.flush();
            Thread.sleep(stall.toMillis());
            break;
          }
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException closed) {
        // either side went away
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      resetBoth();
    }

    private void resetBoth() {
      reset(client);
      reset(upstream);
    }
  }

  /** Closes a socket with a TCP reset (no orderly end of stream), as a broken network does. */
  private static void reset(Socket socket) {
    try {
      if (!socket.isClosed()) {
        socket.setSoLinger(true, 0);
      }
      socket.close();
    } catch (IOException ignored) {
      // already gone
    }
  }

  private static Thread daemon(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    return t;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
