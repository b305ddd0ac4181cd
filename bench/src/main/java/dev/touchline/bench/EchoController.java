package dev.touchline.bench;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;

/**
 * The baseline for single-event requests: the same server answering with the request body and doing
 * nothing else (on the event loop). Benchmark code only: the product has no such route.
 */
@Controller("/bench")
class EchoController {

  @Post(uri = "/echo", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  HttpResponse<byte[]> echo(@Body byte[] body) {
    return HttpResponse.ok(body);
  }
}
