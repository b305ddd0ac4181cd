package dev.touchline.core;

import dev.touchline.core.domain.event.IngestLimits;
import dev.touchline.core.domain.event.Ulids;
import dev.touchline.core.domain.workspace.WorkspaceConfigParser;
import dev.touchline.core.inmemory.InMemoryApiKeyRepository;
import dev.touchline.core.inmemory.InMemoryContactRepository;
import dev.touchline.core.inmemory.InMemoryDedupLedger;
import dev.touchline.core.inmemory.InMemoryEventRepository;
import dev.touchline.core.inmemory.InMemoryIncomingLog;
import dev.touchline.core.inmemory.InMemoryTriggerRepository;
import dev.touchline.core.inmemory.InMemoryTriggerSink;
import dev.touchline.core.inmemory.InMemoryWorkspaceConfigRepository;
import dev.touchline.core.inmemory.InMemoryWorkspaceRepository;
import dev.touchline.core.port.in.AuthenticateUseCase;
import dev.touchline.core.port.in.IngestEventsUseCase;
import dev.touchline.core.port.in.ManageApiKeysUseCase;
import dev.touchline.core.port.in.ManageWorkspaceConfigUseCase;
import dev.touchline.core.port.in.ManageWorkspacesUseCase;
import dev.touchline.core.port.in.QueryContactsUseCase;
import dev.touchline.core.port.in.QueryEventsUseCase;
import dev.touchline.core.port.in.QueryIncomingUseCase;
import dev.touchline.core.port.in.UpsertContactUseCase;
import dev.touchline.core.port.out.ApiKeyRepository;
import dev.touchline.core.port.out.AudienceIndex;
import dev.touchline.core.port.out.ContactRepository;
import dev.touchline.core.port.out.DedupLedger;
import dev.touchline.core.port.out.EventQueue;
import dev.touchline.core.port.out.EventRepository;
import dev.touchline.core.port.out.IncomingLog;
import dev.touchline.core.port.out.IngestObserver;
import dev.touchline.core.port.out.StorageException;
import dev.touchline.core.port.out.TriggerRepository;
import dev.touchline.core.port.out.TriggerSink;
import dev.touchline.core.port.out.WorkspaceConfigRepository;
import dev.touchline.core.port.out.WorkspaceRepository;
import dev.touchline.core.service.ApiKeyService;
import dev.touchline.core.service.AuthenticationService;
import dev.touchline.core.service.CachedApiKeys;
import dev.touchline.core.service.ObservedIngest;
import dev.touchline.core.service.QueryContactsService;
import dev.touchline.core.service.QueryEventsService;
import dev.touchline.core.service.QueryIncomingService;
import dev.touchline.core.service.UpsertContactService;
import dev.touchline.core.service.WorkspaceConfigService;
import dev.touchline.core.service.WorkspaceConfigs;
import dev.touchline.core.service.WorkspaceService;
import dev.touchline.core.service.ingest.BatchRunner;
import dev.touchline.core.service.ingest.InFlight;
import dev.touchline.core.service.ingest.IngestEventsService;
import dev.touchline.core.wire.DefaultWorkspaceConfig;
import dev.touchline.core.wire.JacksonWorkspaceConfigParser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The assembled engine: every use case wired to the chosen storage adapters. Build one per process
 * with {@link #builder()} (in-memory adapters unless others are given) and share it; all use cases
 * are thread-safe.
 */
public final class Touchline implements AutoCloseable {
  private final IngestEventsUseCase ingest;
  private final QueryEventsUseCase events;
  private final QueryIncomingUseCase incoming;
  private final QueryContactsUseCase contacts;
  private final UpsertContactUseCase upsertContacts;
  private final ManageWorkspaceConfigUseCase workspaceConfig;
  private final AuthenticateUseCase authenticate;
  private final ManageApiKeysUseCase apiKeys;
  private final ManageWorkspacesUseCase workspaces;
  private final IngestLimits limits;
  private final TriggerRepository triggers;
  private ThreadPoolExecutor ownedPool;

  private Touchline(Builder b) {
    WorkspaceConfigs configs =
        new WorkspaceConfigs(
            b.configRepository, b.configParser, b.defaultConfigDocument, b.configRefresh);
    this.limits = b.limits;
    this.triggers = b.triggers;
    IngestEventsUseCase service =
        new IngestEventsService(
            configs,
            b.contacts,
            b.events,
            b.ledger,
            b.incoming,
            b.triggers,
            b.triggerSink,
            b.ids,
            b.clock,
            b.limits,
            new InFlight(b.inFlightGrace, b.abandonedBefore),
            runner(b),
            Optional.ofNullable(b.eventQueue));
    this.ingest =
        b.ingestObserver == IngestObserver.NONE
            ? service
            : new ObservedIngest(service, b.ingestObserver);
    this.events = new QueryEventsService(b.events);
    this.incoming = new QueryIncomingService(b.incoming);
    this.contacts = new QueryContactsService(b.contacts, audiences(b), configs);
    this.upsertContacts = new UpsertContactService(b.contacts, configs, b.ids, b.clock);
    WorkspaceConfigService configService =
        new WorkspaceConfigService(b.configRepository, configs, b.clock);
    this.workspaceConfig = configService;
    ApiKeyRepository keys = new CachedApiKeys(b.apiKeyRepository, b.configRefresh);
    this.authenticate = new AuthenticationService(keys, b.clock);
    this.apiKeys = new ApiKeyService(keys, b.clock);
    this.workspaces = new WorkspaceService(b.workspaceRepository, configService, apiKeys, b.clock);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The audience index given, else the contact store's own, else one that says it has none. */
  private static AudienceIndex audiences(Builder b) {
    if (b.audiences != null) {
      return b.audiences;
    }
    if (b.contacts instanceof AudienceIndex own) {
      return own;
    }
    return (workspace, audience, page) -> {
      throw new StorageException(
          "this engine's contact store keeps no audience index; give one to"
              + " Touchline.builder().audiences(…)");
    };
  }

  /** The batch runner: the embedder's executor, or the engine's own pool (closed by close()). */
  private BatchRunner runner(Builder b) {
    if (b.batchConcurrency == 1) {
      return BatchRunner.SEQUENTIAL;
    }
    Executor executor = b.batchExecutor;
    if (executor == null) {
      AtomicInteger threads = new AtomicInteger();
      ThreadPoolExecutor pool =
          new ThreadPoolExecutor(
              b.batchConcurrency - 1,
              b.batchConcurrency - 1,
              60,
              TimeUnit.SECONDS,
              new LinkedBlockingQueue<>(),
              task -> {
                Thread t = new Thread(task, "touchline-batch-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      pool.allowCoreThreadTimeOut(true); // an idle engine holds no threads
      ownedPool = pool;
      executor = pool;
    }
    return new BatchRunner(b.batchConcurrency, executor);
  }

  /**
   * Stops the engine's own batch threads, if it made any (an executor given to {@link
   * Builder#batchExecutor} stays the embedder's to close). Batches in flight finish first.
   */
  @Override
  public void close() {
    if (ownedPool != null) {
      ownedPool.shutdown();
    }
  }

  public IngestEventsUseCase ingest() {
    return ingest;
  }

  public QueryEventsUseCase events() {
    return events;
  }

  public QueryIncomingUseCase incoming() {
    return incoming;
  }

  public QueryContactsUseCase contacts() {
    return contacts;
  }

  public UpsertContactUseCase upsertContacts() {
    return upsertContacts;
  }

  public ManageWorkspaceConfigUseCase workspaceConfig() {
    return workspaceConfig;
  }

  public AuthenticateUseCase authenticate() {
    return authenticate;
  }

  public ManageApiKeysUseCase apiKeys() {
    return apiKeys;
  }

  public ManageWorkspacesUseCase workspaces() {
    return workspaces;
  }

  /** The input limits this engine enforces (decoders in front of it use the same). */
  public IngestLimits limits() {
    return limits;
  }

  /** The record of fired triggers. */
  public TriggerRepository triggers() {
    return triggers;
  }

  /** Chooses adapters and settings; anything not given is in memory or the documented default. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private IngestLimits limits = IngestLimits.DEFAULT;
    private ContactRepository contacts = new InMemoryContactRepository();
    private AudienceIndex audiences;
    private EventRepository events = new InMemoryEventRepository();
    private DedupLedger ledger = new InMemoryDedupLedger();
    private IncomingLog incoming = new InMemoryIncomingLog();
    private TriggerRepository triggers = new InMemoryTriggerRepository();
    private TriggerSink triggerSink = new InMemoryTriggerSink();
    private WorkspaceConfigRepository configRepository = new InMemoryWorkspaceConfigRepository();
    private ApiKeyRepository apiKeyRepository = new InMemoryApiKeyRepository();
    private WorkspaceRepository workspaceRepository = new InMemoryWorkspaceRepository();
    private WorkspaceConfigParser configParser = new JacksonWorkspaceConfigParser();
    private String defaultConfigDocument = DefaultWorkspaceConfig.document();
    private Duration configRefresh = Duration.ofSeconds(5);
    private Duration inFlightGrace = Duration.ofSeconds(30);
    private Instant abandonedBefore = Instant.MIN;
    private IngestObserver ingestObserver = IngestObserver.NONE;
    private EventQueue eventQueue;
    private final Ulids ids = new Ulids();
    private int batchConcurrency = 16;
    private Executor batchExecutor;

    private Builder() {}

    /** The clock for receipt times, windows and expiry (default: system UTC). */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    public Builder limits(IngestLimits value) {
      this.limits = Objects.requireNonNull(value, "limits");
      return this;
    }

    public Builder contacts(ContactRepository value) {
      this.contacts = Objects.requireNonNull(value, "contacts");
      return this;
    }

    /**
     * Who is in a segment, holds a tag or stands at a stage (default: the contact store's own
     * index, when it keeps one, as the in-memory and DynamoDB stores do).
     */
    public Builder audiences(AudienceIndex value) {
      this.audiences = Objects.requireNonNull(value, "audiences");
      return this;
    }

    public Builder events(EventRepository value) {
      this.events = Objects.requireNonNull(value, "events");
      return this;
    }

    public Builder dedupLedger(DedupLedger value) {
      this.ledger = Objects.requireNonNull(value, "dedupLedger");
      return this;
    }

    public Builder incomingLog(IncomingLog value) {
      this.incoming = Objects.requireNonNull(value, "incomingLog");
      return this;
    }

    public Builder triggers(TriggerRepository value) {
      this.triggers = Objects.requireNonNull(value, "triggers");
      return this;
    }

    /** Where fired triggers are delivered (default: an {@link InMemoryTriggerSink}). */
    public Builder triggerSink(TriggerSink value) {
      this.triggerSink = Objects.requireNonNull(value, "triggerSink");
      return this;
    }

    public Builder workspaceConfigs(WorkspaceConfigRepository value) {
      this.configRepository = Objects.requireNonNull(value, "workspaceConfigs");
      return this;
    }

    public Builder apiKeys(ApiKeyRepository value) {
      this.apiKeyRepository = Objects.requireNonNull(value, "apiKeys");
      return this;
    }

    public Builder workspaces(WorkspaceRepository value) {
      this.workspaceRepository = Objects.requireNonNull(value, "workspaces");
      return this;
    }

    /**
     * The configuration used by workspaces that stored none (default: the built-in one the README's
     * *Workspace configuration* describes).
     *
     * @throws dev.touchline.core.domain.workspace.InvalidConfigException at {@link #build()} when
     *     invalid
     */
    public Builder defaultConfigDocument(String value) {
      this.defaultConfigDocument = Objects.requireNonNull(value, "defaultConfigDocument");
      return this;
    }

    /**
     * How long a process trusts its cached copy of a workspace's configuration and of an API key it
     * has checked (default 5 s): another process's change, or a key revoked through another
     * process, takes effect here within it. {@code Duration.ZERO} reads both on every request.
     */
    public Builder configRefresh(Duration value) {
      this.configRefresh = Objects.requireNonNull(value, "configRefresh");
      return this;
    }

    /**
     * How long an event holding a messageId may stay unfinished before a resend of it takes over
     * and completes it (default 30 s). Until then, a resend is answered as a duplicate.
     */
    public Builder inFlightGrace(Duration value) {
      Objects.requireNonNull(value, "inFlightGrace");
      if (value.isNegative() || value.compareTo(MAX_IN_FLIGHT_GRACE) > 0) {
        throw new IllegalArgumentException(
            "the in-flight grace must lie between 0 and 1 hour, not " + value);
      }
      this.inFlightGrace = value;
      return this;
    }

    /**
     * Claims taken before {@code instant} belong to attempts that cannot be running any more, so a
     * resend finishes such an event at once instead of waiting out the {@link
     * #inFlightGrace(Duration)}. Set it to the process's start only when this process alone uses
     * its store (the server's embedded and memory stores): an event cut short by a crash of the
     * previous run is then finished by its first resend, before newer events of its contact can
     * make it look applied (see the README's crash safety). Never with a store several processes
     * share. Default: none (every claim gets the grace).
     */
    public Builder abandonedBefore(Instant instant) {
      this.abandonedBefore = Objects.requireNonNull(instant, "abandonedBefore");
      return this;
    }

    /** The longest {@link #inFlightGrace(Duration)}. */
    public static final Duration MAX_IN_FLIGHT_GRACE = Duration.ofHours(1);

    /** Told of every completed ingest command, e.g. for metrics (default: nothing). */
    /**
     * How many groups of a batch's items are worked at once (default 16). Items that could touch
     * the same contact, dedup claim or contact-to-be always run in batch order in one group; 1
     * works every batch strictly one item after another.
     */
    public Builder batchConcurrency(int value) {
      if (value < 1 || value > 256) {
        throw new IllegalArgumentException("batchConcurrency must be 1-256: " + value);
      }
      this.batchConcurrency = value;
      return this;
    }

    /**
     * Where the helpers that work a batch's groups run (at most {@code batchConcurrency - 1} per
     * batch; the calling thread works too). Default: the engine's own daemon threads, started on
     * demand, stopped after a minute idle and by {@link Touchline#close()}.
     */
    public Builder batchExecutor(Executor value) {
      this.batchExecutor = Objects.requireNonNull(value, "batchExecutor");
      return this;
    }

    /**
     * The queue of the asynchronous path ({@code ingest().receive(…)}): valid events are recorded
     * as received and put on it, and its consumer ingests them later. None by default.
     */
    public Builder eventQueue(EventQueue value) {
      this.eventQueue = Objects.requireNonNull(value, "eventQueue");
      return this;
    }

    public Builder ingestObserver(IngestObserver value) {
      this.ingestObserver = Objects.requireNonNull(value, "ingestObserver");
      return this;
    }

    public Touchline build() {
      return new Touchline(this);
    }
  }
}
