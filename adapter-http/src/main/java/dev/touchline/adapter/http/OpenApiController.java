package dev.touchline.adapter.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the OpenAPI document generated from the controllers at build time. */
@Controller
@Hidden
class OpenApiController {
  /** Where micronaut-openapi writes the document (see the compiler arguments in the pom). */
  static final String RESOURCE = "META-INF/swagger/touchline-1.yml";

  private final byte[] document;

  OpenApiController() {
    try (InputStream in = OpenApiController.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            RESOURCE + " is missing from the classpath: the build did not generate it");
      }
      this.document = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Get(uri = "/openapi.yml", produces = "application/yaml")
  HttpResponse<byte[]> openApi() {
    return HttpResponse.ok(document);
  }
}
