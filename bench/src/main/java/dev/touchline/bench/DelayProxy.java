package dev.touchline.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy on loopback (benchmark code, not product code) that holds every chunk of bytes for a
 * fixed delay in each direction before passing it on, as a network between a Lambda and DynamoDB
 * would: throughput is untouched, every round trip costs twice the delay more.
 */
final class DelayProxy implements AutoCloseable {
  private final ServerSocket server;
  private final InetSocketAddress target;
  private volatile long delayNanos;

  DelayProxy(int targetPort) throws IOException {
    this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
    Thread accept = new Thread(this::accept, "delay-proxy-accept");
    accept.setDaemon(true);
    accept.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** The delay each way, from the next chunk on. */
  void delayMillis(double millis) {
    this.delayNanos = (long) (millis * 1_000_000);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(target.getAddress(), target.getPort());
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
        pipe(client, upstream);
        pipe(upstream, client);
      } catch (IOException e) {
        if (!server.isClosed()) {
          System.err.println("delay proxy: " + e.getMessage());
        }
      }
    }
  }

  /** Copies {@code from} to {@code to}, each chunk released after the delay. */
  private void pipe(Socket from, Socket to) throws IOException {
    InputStream in = from.getInputStream();
    OutputStream out = to.getOutputStream();
    LinkedBlockingQueue<Chunk> queue = new LinkedBlockingQueue<>(); // FIFO, whatever the delay
    Thread reader =
        new Thread(
            () -> {
              byte[] buffer = new byte[64 * 1024];
              try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                  queue.add(new Chunk(Arrays.copyOf(buffer, n), System.nanoTime() + delayNanos));
                }
              } catch (IOException closed) {
                // the peer went away
              }
              queue.add(new Chunk(null, System.nanoTime() + delayNanos));
            },
            "delay-proxy-read");
    Thread writer =
        new Thread(
            () -> {
              try {
                while (true) {
                  Chunk chunk = queue.take();
                  long wait = chunk.dueNanos - System.nanoTime();
                  if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                  }
                  if (chunk.bytes == null) {
                    break;
                  }
                  out.write(chunk.bytes);
                  out.flush();
                }
              } catch (IOException | InterruptedException closed) {
                // the peer went away
              }
              closeQuietly(from);
              closeQuietly(to);
            },
            "delay-proxy-write");
    reader.setDaemon(true);
    writer.setDaemon(true);
    reader.start();
    writer.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }

  private record Chunk(byte[] bytes, long dueNanos) {}
}
