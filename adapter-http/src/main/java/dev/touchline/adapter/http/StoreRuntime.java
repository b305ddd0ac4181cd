package dev.touchline.adapter.http;

import com.almworks.sqlite4java.SQLiteException;
import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import dev.touchline.adapter.dynamodb.DynamoDbStorage;
import dev.touchline.adapter.dynamodb.DynamoDbStore;
import dev.touchline.core.Touchline;
import io.micronaut.context.exceptions.ConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The store the server was told to use, opened: nothing for {@code memory}, DynamoDB Local in
 * process for {@code embedded}, a client for {@code dynamodb}. Closing it releases what it opened.
 */
public final class StoreRuntime implements AutoCloseable {
  /** The embedded store's database file, inside the data directory. */
  public static final String EMBEDDED_FILE = "touchline.db";

  private static final Logger LOG = LoggerFactory.getLogger(StoreRuntime.class);
  private static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(10);

  private final ServerSettings.Store kind;
  private final Optional<DynamoDbStore> store;
  private final Optional<EmbeddedLocal> local;
  private final Optional<DynamoDbClient> client;

  private StoreRuntime(
      ServerSettings.Store kind,
      Optional<DynamoDbStore> store,
      Optional<EmbeddedLocal> local,
      Optional<DynamoDbClient> client) {
    this.kind = kind;
    this.store = store;
    this.local = local;
    this.client = client;
  }

  /** DynamoDB Local running in this JVM on its database file. */
  private record EmbeddedLocal(AmazonDynamoDBLocal local, Path file) {
    void close() {
      release(local, file);
    }
  }

  /** Opens the configured store; fails with a message naming the setting at fault. */
  public static StoreRuntime open(ServerSettings settings) {
    return switch (settings.store()) {
      case MEMORY -> {
        LOG.info("store: memory (data is lost when the server stops)");
        yield new StoreRuntime(
            ServerSettings.Store.MEMORY, Optional.empty(), Optional.empty(), Optional.empty());
      }
      case EMBEDDED -> openEmbedded(settings.dataDir(), settings.dynamoDbTable());
      case DYNAMODB -> openDynamoDb(settings);
    };
  }

  private static StoreRuntime openEmbedded(Path dataDir, String table) {
    Path file = dataDir.resolve(EMBEDDED_FILE).toAbsolutePath();
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the data directory " + dataDir.toAbsolutePath() + " (TOUCHLINE_DATA_DIR)",
          e);
    }
    if (Files.isDirectory(file)) {
      // DynamoDB Local hangs when given a directory instead of its database file.
      throw new ConfigurationException(file + " is a directory; it must be the embedded database");
    }
    AmazonDynamoDBLocal local = DynamoDBEmbedded.create(file.toFile(), false);
    try {
      DynamoDbStore store = new DynamoDbStore(local.dynamoDbClient(), table);
      store.createTableIfMissing(true);
      if (!"wal".equals(journalMode(file))) {
        // Once per data file: restart DynamoDB Local on the file switched to SQLite's WAL journal.
        release(local, file);
        switchToWal(file);
        local = DynamoDBEmbedded.create(file.toFile(), false);
        store = new DynamoDbStore(local.dynamoDbClient(), table);
      }
      LOG.info("store: embedded DynamoDB Local, data in {}", file);
      return new StoreRuntime(
          ServerSettings.Store.EMBEDDED,
          Optional.of(store),
          Optional.of(new EmbeddedLocal(local, file)),
          Optional.empty());
    } catch (RuntimeException e) {
      release(local, file);
      throw e;
    }
  }

  /**
   * Stops DynamoDB Local and waits until its SQLite connection has let go of the file, so the next
   * opener (a restart in the same JVM, the WAL switch, a test reading the file) does not find it
   * locked. DynamoDB Local closes its connection on its own thread and returns at once; the last
   * connection to a WAL database checkpoints it and deletes the {@code -wal} file as it closes, so
   * that file's absence says the close has finished.
   */
  private static void release(AmazonDynamoDBLocal local, Path file) {
    local.shutdownNow();
    Path wal = file.resolveSibling(file.getFileName() + "-wal");
    long deadline = System.nanoTime() + RELEASE_TIMEOUT.toNanos();
    try {
      while (Files.exists(wal) && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (Files.exists(wal)) {
      LOG.warn(
          "embedded store: {} still has its write-ahead log {} after the shutdown; is another"
              + " process using the same data directory?",
          file,
          RELEASE_TIMEOUT);
    }
  }

  private static String journalMode(Path file) {
    try {
      return WalJournal.mode(file);
    } catch (SQLiteException e) {
      LOG.warn("cannot read the journal mode of {}: {}", file, e.getMessage());
      return "unknown";
    }
  }

  private static void switchToWal(Path file) {
    try {
      String mode = WalJournal.enable(file);
      LOG.info("embedded store: SQLite journal mode of {} is now {}", file, mode);
    } catch (SQLiteException e) {
      // Still durable in the default journal, only slower.
      LOG.warn("cannot switch {} to SQLite's WAL journal: {}", file, e.getMessage());
    }
  }

  private static StoreRuntime openDynamoDb(ServerSettings settings) {
    DynamoDbClientBuilder builder =
        DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
    settings.dynamoDbRegion().map(Region::of).ifPresent(builder::region);
    settings.dynamoDbEndpoint().map(URI::create).ifPresent(builder::endpointOverride);
    DynamoDbClient client;
    try {
      client = builder.build();
    } catch (RuntimeException e) {
      throw new ConfigurationException(
          "cannot create the DynamoDB client (set TOUCHLINE_DYNAMODB_REGION or AWS_REGION, and"
              + " credentials the AWS SDK can find): "
              + e.getMessage(),
          e);
    }
    DynamoDbStore store = new DynamoDbStore(client, settings.dynamoDbTable());
    try {
      if (settings.dynamoDbCreateTable()) {
        store.createTableIfMissing(true);
      } else if (!store.tableExists()) {
        throw new ConfigurationException(
            "the DynamoDB table '"
                + settings.dynamoDbTable()
                + "' does not exist; create it (SAM template or TOUCHLINE_DYNAMODB_CREATE_TABLE=true)");
      }
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
    LOG.info(
        "store: DynamoDB table {} at {}",
        settings.dynamoDbTable(),
        settings.dynamoDbEndpoint().orElse("the region's endpoint"));
    return new StoreRuntime(
        ServerSettings.Store.DYNAMODB, Optional.of(store), Optional.empty(), Optional.of(client));
  }

  /** Points the builder's storage ports at this store (memory needs nothing: the default). */
  public Touchline.Builder configure(Touchline.Builder builder, Clock clock) {
    return store.map(s -> DynamoDbStorage.on(s, clock).configure(builder)).orElse(builder);
  }

  /** The table, for the stores that have one. */
  public Optional<String> tableName() {
    return store.map(DynamoDbStore::tableName);
  }

  /** Whether the store answers: always for memory, its table exists for the others. */
  public boolean reachable() {
    return store.map(DynamoDbStore::tableExists).orElse(true);
  }

  public ServerSettings.Store kind() {
    return kind;
  }

  @Override
  public void close() {
    client.ifPresent(DynamoDbClient::close);
    local.ifPresent(EmbeddedLocal::close);
  }
}
