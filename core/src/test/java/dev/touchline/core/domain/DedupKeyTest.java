package dev.touchline.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.dedup.DedupKey;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The stored forms of dedup keys outlive a deployment: they must not change. */
class DedupKeyTest {

  @Test
  void eachKeyHasTheStoredFormClaimsWereWrittenWith() {
    assertThat(new DedupKey.MessageId("m-1").stored()).isEqualTo("msg:m-1");
    assertThat(new DedupKey.BusinessKeyValue("purchase", "orderId", "\"o-1\"").stored())
        .isEqualTo("bk:purchase:orderId:\"o-1\"");
    ContactId c = new ContactId("01ARZ3NDEKTSV4RRFFQ69G5FAV");
    assertThat(new DedupKey.ThrottleSlot("email_opened", c, Optional.empty()).stored())
        .isEqualTo("thr:email_opened:01ARZ3NDEKTSV4RRFFQ69G5FAV");
    assertThat(new DedupKey.ThrottleSlot("email_opened", c, Optional.of("\"c-1\"")).stored())
        .isEqualTo("thr:email_opened:01ARZ3NDEKTSV4RRFFQ69G5FAV:\"c-1\"");
  }
}
