// Server: the HTTP/1.1 transport. Accepts connections, reads requests within limits, runs the
// Application on a worker pool, writes responses. The only code in the project that sees Beast/Asio
// (all of it is in server.cc behind a pimpl).
//
// Per connection: keep-alive (HTTP/1.1 default, HTTP/1.0 on request); idle_timeout between requests;
// read_timeout from the first byte of a request to its last; write_timeout per response. On a
// timeout the connection is closed without a response (the peer has stopped reading or writing).
//
// Per request:
//  - header larger than header_limit → 431; malformed HTTP → 400; request-target with a bad
//    percent escape or invalid UTF-8 (path or query) → 400; all three close the connection.
//  - body larger than Application::body_limit_for(method, path), asked right after the header is
//    read → 413 and close (with Content-Length this is decided before reading the body).
//  - `Expect: 100-continue` is answered once the body limit is known to be met.
//  - the Application runs on one of worker_threads threads, so it may block; io threads keep
//    serving other connections. An exception from the application → 500 page, logged with the
//    request id; the connection and the process carry on.
//  - X-Request-Id: the incoming value when sane (request_id.h), else a fresh one; always echoed.
//  - gzip (gzip.h) is applied to the application's responses when the client accepts it.
//  - HEAD: the application's response headers with Content-Length of the body it produced, no body.
//  - one access-log line and one metrics observation per request, if those sinks were given.
// Connections beyond max_connections get a 503 page and are closed at once.
//
// Shutdown: stop() (or SIGTERM/SIGINT when install_signal_handlers is set) stops accepting, closes
// idle keep-alive connections, lets requests already being read or handled finish and answers them
// with Connection: close; after shutdown_grace whatever is left is closed. run() returns once every
// connection is gone and every handler has returned. A second signal during shutdown is not caught
// (the process ends at once).
//
// Thread-safety: call listen() once, then run() once (from any one thread; it blocks there). stop()
// may be called from any thread, any number of times, before, during or after run(). Destroy the
// Server only after run() has returned (or if it was never called).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "core/error.h"
#include "http/router.h"

namespace gk::http {

class AccessLog;
class Metrics;

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0: any free port; listen() tells which
  int io_threads = 1;
  int worker_threads = 4;
  size_t header_limit = 16 * 1024;  // request line + header fields, bytes
  std::chrono::seconds read_timeout{30};
  std::chrono::seconds write_timeout{30};
  std::chrono::seconds idle_timeout{60};
  size_t max_connections = 1024;
  std::chrono::seconds shutdown_grace{10};
  bool install_signal_handlers = false;  // SIGTERM/SIGINT → stop()
  // Behind nginx: take remote_ip from the last X-Forwarded-For entry and `secure` from
  // X-Forwarded-Proto. Only enable when the port is reachable by the proxy alone.
  bool trust_proxy = false;
  bool gzip = true;
  size_t gzip_min_bytes = 1024;
};

// Optional observers; not owned, must outlive the Server. Both are thread-safe.
struct ServerObservers {
  Metrics* metrics = nullptr;
  AccessLog* access_log = nullptr;
};

class Server {
 public:
  // `app` is not owned and must outlive the Server.
  Server(ServerOptions options, const Application& app, ServerObservers observers = {});
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens. Returns the bound port (useful with port 0).
  // Errors: Unavailable when the address cannot be resolved or bound (message names host:port and
  // the system error, e.g. "address already in use"); FailedPrecondition when called twice.
  [[nodiscard]] Result<uint16_t> listen();

  // Serves until stop(); blocks the calling thread, which becomes one of the io threads.
  // Returns immediately if listen() did not succeed.
  void run();

  // Begins a graceful shutdown (see above). Non-blocking; safe from any thread.
  void stop();

  // The options in effect.
  const ServerOptions& options() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gk::http
