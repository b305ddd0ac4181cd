package dev.touchline.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.out.ConcurrentUpdateException;
import dev.touchline.core.port.out.WorkspaceConfigRepository;
import dev.touchline.core.port.out.WorkspaceConfigRepository.StoredConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link WorkspaceConfigRepository} must do. */
public abstract class WorkspaceConfigRepositoryContract {
  protected WorkspaceConfigRepository configs;
  protected WorkspaceId ws;

  protected abstract WorkspaceConfigRepository repository();

  @BeforeEach
  void setUp() {
    configs = repository();
    ws = Fixtures.workspace();
  }

  @Test
  void aWorkspaceWithoutADocument_hasNone() {
    assertThat(configs.find(ws)).isEmpty();
  }

  @Test
  void save_versionsDocuments_andKeepsTheTextExactly() {
    String doc = "{\n  \"rules\": [] , \"é\": 1\n}";
    StoredConfig v1 = configs.save(ws, doc, 0, Fixtures.NOW);
    assertThat(v1.version()).isEqualTo(1);
    assertThat(configs.find(ws)).contains(new StoredConfig(doc, 1, Fixtures.NOW));

    StoredConfig v2 = configs.save(ws, "{}", 1, Fixtures.NOW.plusSeconds(1));
    assertThat(v2.version()).isEqualTo(2);
    assertThat(configs.find(ws).orElseThrow().document()).isEqualTo("{}");
  }

  @Test
  void save_withAStaleVersion_isRefused_andKeepsTheStoredDocument() {
    configs.save(ws, "{\"a\":1}", 0, Fixtures.NOW);
    assertThatThrownBy(() -> configs.save(ws, "{\"b\":2}", 0, Fixtures.NOW))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThat(configs.find(ws).orElseThrow().document()).isEqualTo("{\"a\":1}");
  }
}
