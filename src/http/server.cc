// The Beast/Asio transport. This is deliberately the only translation unit that includes Beast or
// Asio: each such TU costs 10-20 s and ~0.7 GB to compile.
//
// Threading: `io_threads` threads run one io_context. Every connection is a coroutine on its own
// strand, so its socket is never touched by two threads at once. The acceptor, the signal set and
// the shutdown timer live on one "control" strand. Application code runs on a separate thread pool
// (run_app) so a handler blocked on the database never stalls other connections.
#include "http/server.h"

#include <spdlog/spdlog.h>

#include <array>
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <chrono>
#include <csignal>
#include <ctime>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "http/access_log.h"
#include "http/error_page.h"
#include "http/form.h"
#include "http/gzip.h"
#include "http/metrics.h"
#include "http/request_id.h"

namespace gk::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
using Clock = std::chrono::steady_clock;

constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);
constexpr size_t kReadChunk = 8 * 1024;
// After an error answer we keep reading (and discarding) a little so the peer receives the answer
// instead of a TCP reset caused by closing a socket with unread data.
constexpr size_t kLingerMaxBytes = 256 * 1024;
constexpr std::chrono::milliseconds kLingerTime{2000};
constexpr std::chrono::milliseconds kBusyLingerTime{500};
constexpr std::chrono::milliseconds kAcceptBackoff{50};

constexpr std::string_view kRouteUnmatched = "unmatched";
constexpr std::string_view kRouteTransport = "transport";

// RFC 9110 §5.6.7 IMF-fixdate, computed at most once per second per thread. Written by hand because
// strftime's %a/%b follow the process locale.
std::string_view http_date() {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  thread_local std::time_t last = -1;
  thread_local char buf[40];
  const std::time_t now = std::time(nullptr);
  if (now != last) {
    std::tm t{};
    gmtime_r(&now, &t);
    std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[t.tm_wday], t.tm_mday,
                  kMonths[t.tm_mon], t.tm_year + 1900, t.tm_hour, t.tm_min, t.tm_sec);
    last = now;
  }
  return buf;
}

bool status_has_body(int status) { return !(status < 200 || status == 204 || status == 304); }

bool is_token_char(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

// A header the application set that would corrupt the response (or allow response splitting).
bool is_valid_header(std::string_view name, std::string_view value) {
  if (name.empty()) return false;
  for (unsigned char c : name)
    if (!is_token_char(c)) return false;
  for (unsigned char c : value)
    if (c == '\r' || c == '\n' || c == '\0') return false;
  return true;
}

// Headers the transport owns; values the application sets for them are ignored.
bool is_transport_header(std::string_view name) {
  return iequals(name, "Content-Length") || iequals(name, "Transfer-Encoding") ||
         iequals(name, "Connection") || iequals(name, "Keep-Alive") || iequals(name, "Date") ||
         iequals(name, "X-Request-Id");
}

bool is_ip_text(std::string_view s) {
  if (s.empty() || s.size() > 45) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' || c == ':'))
      return false;
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The error page, even if a custom renderer throws: this runs where nothing else would catch.
Response safe_error_response(int status, std::string_view request_id) noexcept {
  try {
    return error_response(status, request_id);
  } catch (...) {
    Response r = Response::html(default_error_page_html(status, request_id), status);
    r.headers.set("Cache-Control", "no-store");
    return r;
  }
}

enum class ReadFailure { kNone, kClose, kBadRequest, kHeaderTooLarge, kBodyTooLarge };

ReadFailure classify(const beast::error_code& ec) {
  if (!ec) return ReadFailure::kNone;
  if (ec.category() != bhttp::make_error_code(bhttp::error::bad_method).category())
    return ReadFailure::kClose;
  switch (static_cast<bhttp::error>(ec.value())) {
    case bhttp::error::end_of_stream:
    case bhttp::error::partial_message:
      return ReadFailure::kClose;
    case bhttp::error::header_limit:
    case bhttp::error::buffer_overflow:
      return ReadFailure::kHeaderTooLarge;
    case bhttp::error::body_limit:
      return ReadFailure::kBodyTooLarge;
    default:
      return ReadFailure::kBadRequest;
  }
}

struct Connection {
  explicit Connection(tcp::socket s) : stream(std::move(s)) {}
  beast::tcp_stream stream;
  std::string remote_ip;
  bool idle = true;  // waiting for the next request; touched only on the connection's strand
};

struct WriteResult {
  bool ok = false;
  size_t body_bytes = 0;
  int status = 0;
};

}  // namespace

struct Server::Impl {
  Impl(ServerOptions o, const Application& a, ServerObservers obs)
      : opt(std::move(o)),
        app(a),
        observers(obs),
        ioc(std::max(1, opt.io_threads)),
        workers(static_cast<size_t>(std::max(1, opt.worker_threads))),
        control(asio::make_strand(ioc)),
        acceptor(control),
        grace_timer(control) {}

  ServerOptions opt;
  const Application& app;
  ServerObservers observers;

  asio::io_context ioc;
  asio::thread_pool workers;
  asio::strand<asio::io_context::executor_type> control;
  tcp::acceptor acceptor;
  asio::steady_timer grace_timer;
  std::optional<asio::signal_set> signals;

  bool listening = false;
  bool ran = false;
  std::atomic<bool> stopping{false};
  bool shutdown_begun = false;  // control strand only
  std::atomic<size_t> active{0};
  std::atomic<size_t> rejecting{0};

  std::mutex conns_mu;
  std::unordered_map<Connection*, std::weak_ptr<Connection>> conns;

  // ---- lifecycle -------------------------------------------------------------------------------

  void request_stop() {
    stopping.store(true);
    asio::post(control, [this] { begin_shutdown(); });
  }

  std::vector<std::shared_ptr<Connection>> live_connections() {
    std::vector<std::shared_ptr<Connection>> out;
    std::lock_guard lock(conns_mu);
    for (auto& [_, weak] : conns)
      if (auto c = weak.lock()) out.push_back(std::move(c));
    return out;
  }

  void begin_shutdown() {
    if (shutdown_begun) return;
    shutdown_begun = true;
    beast::error_code ec;
    acceptor.close(ec);
    // clear(), not cancel(): the default disposition comes back, so a second SIGTERM/SIGINT during
    // the grace period ends the process at once, as operators expect.
    if (signals) signals->clear(ec);
    const size_t open = active.load();
    spdlog::info("http: shutting down, {} connection(s) open", open);
    // Idle keep-alive connections are closed now; busy ones close after their current response.
    for (auto& c : live_connections()) {
      asio::post(c->stream.get_executor(), [c] {
        if (c->idle) c->stream.cancel();
      });
    }
    if (open == 0) return;
    grace_timer.expires_after(opt.shutdown_grace);
    grace_timer.async_wait([this](beast::error_code wait_ec) {
      if (wait_ec) return;  // every connection finished in time
      spdlog::warn("http: shutdown grace of {} s elapsed; closing {} connection(s)",
                   opt.shutdown_grace.count(), active.load());
      for (auto& c : live_connections()) {
        asio::post(c->stream.get_executor(), [c] {
          beast::error_code close_ec;
          c->stream.socket().close(close_ec);
        });
      }
    });
  }

  // Called when a connection ends; releases the shutdown timer once the last one is gone.
  void connection_finished() {
    if (active.fetch_sub(1) == 1 && stopping.load()) {
      asio::post(control, [this] {
        if (active.load() == 0) grace_timer.cancel();
      });
    }
  }

  // ---- accepting -------------------------------------------------------------------------------

  awaitable<void> accept_loop() {
    while (!stopping.load()) {
      auto [ec, socket] =
          co_await acceptor.async_accept(asio::any_io_executor(asio::make_strand(ioc)), kNoThrow);
      if (ec) {
        if (stopping.load() || ec == asio::error::operation_aborted || !acceptor.is_open()) break;
        // Typically EMFILE: back off instead of spinning on the error.
        spdlog::warn("http: accept failed: {}", ec.message());
        asio::steady_timer t(control);
        t.expires_after(kAcceptBackoff);
        co_await t.async_wait(kNoThrow);
        continue;
      }
      beast::error_code opt_ec;
      socket.set_option(tcp::no_delay(true), opt_ec);
      if (active.load() >= opt.max_connections) {
        if (rejecting.load() >= opt.max_connections) {
          socket.close(opt_ec);  // under a flood even the 503 is too expensive
          continue;
        }
        rejecting.fetch_add(1);
        auto ex = socket.get_executor();
        asio::co_spawn(ex, reject_busy(std::move(socket)), asio::detached);
        continue;
      }
      active.fetch_add(1);
      auto ex = socket.get_executor();
      asio::co_spawn(ex, session(std::move(socket)), asio::detached);
    }
  }

  awaitable<void> reject_busy(tcp::socket socket) {
    Connection c(std::move(socket));
    try {
      Request req;
      req.request_id = generate_request_id();
      req.remote_ip = peer_ip(c);
      const auto start = Clock::now();
      Response res = safe_error_response(503, req.request_id);
      res.headers.set("Retry-After", "1");
      auto w = co_await write_response(c, res, req, /*head=*/false, /*keep_alive=*/false, 11);
      record(req, kRouteTransport, w, start, now_instant());
      co_await linger_close(c, kBusyLingerTime);
    } catch (const std::exception& e) {
      spdlog::error("http: rejecting a connection failed: {}", e.what());
    }
    rejecting.fetch_sub(1);
  }

  // ---- one connection --------------------------------------------------------------------------

  static std::string peer_ip(Connection& c) {
    beast::error_code ec;
    auto ep = c.stream.socket().remote_endpoint(ec);
    return ec ? std::string() : ep.address().to_string();
  }

  awaitable<void> session(tcp::socket socket) {
    auto conn = std::make_shared<Connection>(std::move(socket));
    conn->remote_ip = peer_ip(*conn);
    {
      std::lock_guard lock(conns_mu);
      conns.emplace(conn.get(), conn);
    }
    if (observers.metrics) observers.metrics->connection_opened();
    try {
      co_await serve_connection(*conn);
    } catch (const std::exception& e) {
      spdlog::error("http: connection from {} failed: {}", conn->remote_ip, e.what());
    }
    beast::error_code ec;
    conn->stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    conn->stream.socket().close(ec);
    {
      std::lock_guard lock(conns_mu);
      conns.erase(conn.get());
    }
    if (observers.metrics) observers.metrics->connection_closed();
    connection_finished();
  }

  awaitable<void> serve_connection(Connection& c) {
    beast::flat_buffer buffer;
    for (;;) {
      if (buffer.size() == 0) {
        // Idle between requests: only the idle timeout applies until the next request's first byte.
        c.idle = true;
        if (stopping.load()) co_return;
        c.stream.expires_after(opt.idle_timeout);
        auto [ec, n] = co_await c.stream.async_read_some(buffer.prepare(kReadChunk), kNoThrow);
        if (ec) co_return;
        buffer.commit(n);
      }
      c.idle = false;
      if (!co_await serve_request(c, buffer)) co_return;
    }
  }

  // Reads, handles and answers one request. Returns whether the connection stays open.
  awaitable<bool> serve_request(Connection& c, beast::flat_buffer& buffer) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(std::min<size_t>(opt.header_limit, UINT32_MAX)));
    // Unlimited until the route is known; otherwise Beast rejects a large Content-Length against its
    // 1 MB default while still reading the header.
    parser.body_limit(boost::none);
    c.stream.expires_after(opt.read_timeout);
    auto [hec, hn] = co_await bhttp::async_read_header(c.stream, buffer, parser, kNoThrow);

    const auto start = Clock::now();
    const Instant ts = now_instant();
    Request req;
    req.remote_ip = c.remote_ip;

    if (const ReadFailure f = classify(hec); f != ReadFailure::kNone) {
      if (f == ReadFailure::kClose) co_return false;
      req.request_id = generate_request_id();
      co_await answer_and_close(c, req, f == ReadFailure::kHeaderTooLarge ? 431 : 400, start, ts);
      co_return false;
    }

    auto& head = parser.get();
    req.method = std::string(head.method_string());
    req.target = std::string(head.target());
    const unsigned version = head.version();
    {
      auto rid = head.find("X-Request-Id");
      req.request_id = request_id_for(
          rid == head.end() ? std::nullopt : std::optional<std::string_view>(std::string_view(rid->value())));
    }
    for (const auto& f : head) req.headers.add(std::string_view(f.name_string()), std::string(f.value()));

    auto target = parse_target(req.target);
    // Beast accepts any "HTTP/d.d"; only 1.0 and 1.1 are spoken here.
    if (!target || (version != 10 && version != 11)) {
      co_await answer_and_close(c, req, 400, start, ts, version);
      co_return false;
    }
    req.path = std::move(target->path);
    req.raw_query = std::move(target->raw_query);
    req.query = std::move(target->query);

    if (opt.trust_proxy) apply_proxy_headers(req);

    const size_t limit = app.body_limit_for(req.method, req.path);
    if (auto len = parser.content_length(); len && *len > limit) {
      co_await answer_and_close(c, req, 413, start, ts, version);
      co_return false;
    }
    parser.body_limit(limit);
    if (!parser.is_done()) {
      if (version >= 11 && iequals(std::string_view(head[bhttp::field::expect]), "100-continue")) {
        static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
        auto [cec, cn] =
            co_await asio::async_write(c.stream, asio::buffer(kContinue.data(), kContinue.size()), kNoThrow);
        if (cec) co_return false;
      }
      auto [bec, bn] = co_await bhttp::async_read(c.stream, buffer, parser, kNoThrow);
      if (const ReadFailure f = classify(bec); f != ReadFailure::kNone) {
        if (f == ReadFailure::kClose) co_return false;
        co_await answer_and_close(c, req, f == ReadFailure::kBodyTooLarge ? 413 : 400, start, ts, version);
        co_return false;
      }
    }
    const bool client_keep_alive = parser.get().keep_alive();
    req.body = std::move(parser.get().body());

    // The handler may take as long as it needs; only transport phases are timed.
    c.stream.expires_never();
    Response res = co_await run_app(req);

    const bool keep_alive = client_keep_alive && !stopping.load();
    const bool head_request = req.method == "HEAD";
    auto w = co_await write_response(c, res, req, head_request, keep_alive, version);
    record(req, req.route.empty() ? kRouteUnmatched : std::string_view(req.route), w, start, ts);
    if (!w.ok) co_return false;
    if (!keep_alive) {
      beast::error_code ec;
      c.stream.socket().shutdown(tcp::socket::shutdown_send, ec);
      co_return false;
    }
    co_return true;
  }

  void apply_proxy_headers(Request& req) const {
    if (auto xff = req.headers.get("X-Forwarded-For")) {
      // The last hop is the one our trusted proxy added; earlier entries are client-controlled.
      std::string_view v = *xff;
      const size_t comma = v.rfind(',');
      std::string_view last = trim(comma == std::string_view::npos ? v : v.substr(comma + 1));
      if (is_ip_text(last)) req.remote_ip = std::string(last);
    }
    if (auto proto = req.headers.get("X-Forwarded-Proto")) req.secure = iequals(trim(*proto), "https");
  }

  // Runs the application on the worker pool and resumes this coroutine on its own strand. The
  // pending completion holds outstanding work on the io_context, so run() cannot return while a
  // handler is still running.
  awaitable<Response> run_app(Request& req) {
    auto init = [this, &req](auto handler) {
      auto home =
          asio::prefer(asio::get_associated_executor(handler), asio::execution::outstanding_work.tracked);
      asio::post(workers, [this, &req, handler = std::move(handler), home = std::move(home)]() mutable {
        Response res = invoke_app(req);
        asio::post(home, [handler = std::move(handler), res = std::move(res)]() mutable {
          std::move(handler)(std::move(res));
        });
      });
    };
    return asio::async_initiate<const asio::use_awaitable_t<>&, void(Response)>(std::move(init),
                                                                                asio::use_awaitable);
  }

  // Worker thread. Never throws: anything the application throws becomes a 500 page.
  Response invoke_app(Request& req) noexcept {
    Response res;
    try {
      res = app.handle(req);
    } catch (const std::exception& e) {
      spdlog::error("http: request {} {} {} failed: {}", req.request_id, req.method, req.path, e.what());
      res = safe_error_response(500, req.request_id);
    } catch (...) {
      spdlog::error("http: request {} {} {} failed with a non-standard exception", req.request_id, req.method,
                    req.path);
      res = safe_error_response(500, req.request_id);
    }
    for (const auto& [name, value] : res.headers) {
      if (!is_valid_header(name, value)) {
        spdlog::error("http: request {} {} {}: handler set an invalid header '{}'", req.request_id,
                      req.method, req.path, name);
        res = safe_error_response(500, req.request_id);
        break;
      }
    }
    if (res.status < 100 || res.status > 999) {
      spdlog::error("http: request {} {} {}: handler returned status {}", req.request_id, req.method,
                    req.path, res.status);
      res = safe_error_response(500, req.request_id);
    }
    try {
      if (opt.gzip) maybe_gzip(req.headers.get("Accept-Encoding"), res, opt.gzip_min_bytes);
    } catch (const std::exception& e) {
      spdlog::error("http: request {}: gzip failed: {}", req.request_id, e.what());
    }
    return res;
  }

  // ---- writing ---------------------------------------------------------------------------------

  awaitable<WriteResult> write_response(Connection& c, Response& res, const Request& req, bool head,
                                        bool keep_alive, unsigned version) {
    bhttp::response<bhttp::string_body> out;
    out.version(version == 10 ? 10 : 11);
    out.result(static_cast<unsigned>(res.status));
    for (const auto& [name, value] : res.headers)
      if (!is_transport_header(name)) out.insert(name, value);
    out.set(bhttp::field::date, http_date());
    out.set("X-Request-Id", req.request_id);
    size_t body_bytes = 0;
    if (!status_has_body(res.status)) {
      // 1xx/204/304 have no body and no Content-Length.
    } else if (head) {
      out.content_length(res.body.size());
    } else {
      body_bytes = res.body.size();
      out.body() = std::move(res.body);
      out.prepare_payload();
    }
    out.keep_alive(keep_alive);
    c.stream.expires_after(opt.write_timeout);
    auto [ec, n] = co_await bhttp::async_write(c.stream, out, kNoThrow);
    co_return WriteResult{!ec, ec ? 0 : body_bytes, res.status};
  }

  // Answers a request the transport refused (400, 413, 431) and closes the connection.
  awaitable<void> answer_and_close(Connection& c, Request& req, int status, Clock::time_point start,
                                   Instant ts, unsigned version = 11) {
    Response res = safe_error_response(status, req.request_id);
    auto w = co_await write_response(c, res, req, false, false, version);
    record(req, kRouteTransport, w, start, ts);
    if (w.ok) co_await linger_close(c, kLingerTime);
  }

  awaitable<void> linger_close(Connection& c, std::chrono::milliseconds max_wait) {
    beast::error_code ec;
    c.stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    c.stream.expires_after(max_wait);
    std::array<char, 4096> sink;
    size_t total = 0;
    while (total < kLingerMaxBytes) {
      auto [rec, n] = co_await c.stream.async_read_some(asio::buffer(sink), kNoThrow);
      if (rec) break;
      total += n;
    }
    c.stream.socket().close(ec);
  }

  void record(const Request& req, std::string_view route, const WriteResult& w, Clock::time_point start,
              Instant ts) {
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (observers.metrics) observers.metrics->observe_request(route, req.method, w.status, seconds);
    if (observers.access_log) {
      AccessLogEntry e;
      e.ts = ts;
      e.request_id = req.request_id;
      e.method = req.method;
      e.path = req.path;
      e.raw_query = req.raw_query;
      e.route = route;
      e.status = w.status;
      e.bytes = w.body_bytes;
      e.duration_ms = seconds * 1000.0;
      e.remote_ip = req.remote_ip;
      if (auto ua = req.headers.get("User-Agent")) e.user_agent = *ua;
      try {
        observers.access_log->record(e);
      } catch (const std::exception& ex) {
        spdlog::error("http: access log failed: {}", ex.what());
      }
    }
  }
};

Server::Server(ServerOptions options, const Application& app, ServerObservers observers)
    : impl_(std::make_unique<Impl>(std::move(options), app, observers)) {}

Server::~Server() {
  if (impl_->listening && !impl_->ran) {
    beast::error_code ec;
    impl_->acceptor.close(ec);
  }
  impl_->workers.join();
}

const ServerOptions& Server::options() const { return impl_->opt; }

Result<uint16_t> Server::listen() {
  Impl& s = *impl_;
  if (s.listening) return fail(Error::failed_precondition("http: listen() called twice"));
  const std::string where = s.opt.host + ":" + std::to_string(s.opt.port);
  beast::error_code ec;
  tcp::endpoint endpoint;
  const auto address = asio::ip::make_address(s.opt.host, ec);
  if (!ec) {
    endpoint = tcp::endpoint(address, s.opt.port);
  } else {
    tcp::resolver resolver(s.ioc);
    auto results = resolver.resolve(s.opt.host, std::to_string(s.opt.port), tcp::resolver::passive, ec);
    if (ec || results.empty())
      return fail(
          Error::unavailable("http: cannot resolve " + where + ": " + (ec ? ec.message() : "no address")));
    endpoint = results.begin()->endpoint();
  }
  s.acceptor.open(endpoint.protocol(), ec);
  if (!ec) s.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) s.acceptor.bind(endpoint, ec);
  if (!ec) s.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    beast::error_code ignored;
    s.acceptor.close(ignored);
    return fail(Error::unavailable("http: cannot listen on " + where + ": " + ec.message()));
  }
  s.listening = true;
  if (s.opt.install_signal_handlers) {
    // Installed here rather than in run(): a signal that arrives between listen() and run() is
    // queued by the signal_set instead of killing the process.
    s.signals.emplace(s.control, SIGTERM, SIGINT);
    s.signals->async_wait([&s](beast::error_code wait_ec, int signo) {
      if (wait_ec) return;
      spdlog::info("http: received signal {}, stopping", signo);
      s.request_stop();
    });
  }
  const uint16_t port = s.acceptor.local_endpoint(ec).port();
  spdlog::info("http: listening on {}:{}", s.opt.host, port);
  return port;
}

void Server::run() {
  Impl& s = *impl_;
  if (!s.listening || s.ran) return;
  s.ran = true;
  asio::co_spawn(s.control, s.accept_loop(), asio::detached);

  std::vector<std::thread> extra;
  for (int i = 1; i < s.opt.io_threads; ++i) extra.emplace_back([&s] { s.ioc.run(); });
  s.ioc.run();
  for (auto& t : extra) t.join();
  // Every handler has returned (their pending completions kept the io_context busy until then).
  s.workers.join();
  // Anything still queued (a stop() posted late) is run so no coroutine frame outlives this call.
  s.ioc.restart();
  s.ioc.run();
  spdlog::info("http: stopped");
}

void Server::stop() { impl_->request_stop(); }

}  // namespace gk::http
