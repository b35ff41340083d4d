// Integration tests: a real Server on an ephemeral port, driven through raw sockets so that malformed
// and oversized requests can be sent byte for byte (and so this TU does not pay for Beast).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <spdlog/logger.h>
#include <spdlog/sinks/base_sink.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>

#include "http/access_log.h"
#include "http/gzip.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"

namespace gk::http {
namespace {

using namespace std::chrono_literals;

struct RawResponse {
  int status = 0;
  std::multimap<std::string, std::string> headers;  // lower-case names
  std::string body;

  std::optional<std::string> header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::nullopt : std::optional<std::string>(it->second);
  }
};

// A blocking HTTP/1.1 client on one TCP connection. Every read has a 5 s timeout so a broken
// server fails the test instead of hanging it.
class Client {
 public:
  explicit Client(uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) throw std::runtime_error("socket");
    timeval tv{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      ::close(fd_);
      throw std::runtime_error("connect");
    }
  }
  ~Client() { close(); }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

  // Sends everything; returns false if the peer closed/reset the connection first.
  bool send(std::string_view data) {
    while (!data.empty()) {
      const ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      data.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }

  std::optional<RawResponse> read_response(bool head = false) {
    size_t header_end;
    while ((header_end = buf_.find("\r\n\r\n")) == std::string::npos)
      if (!fill()) return std::nullopt;
    RawResponse r;
    const std::string head_text = buf_.substr(0, header_end);
    buf_.erase(0, header_end + 4);
    std::istringstream lines(head_text);
    std::string line;
    std::getline(lines, line);
    if (line.size() < 12 || !line.starts_with("HTTP/1.")) return std::nullopt;
    r.status = std::stoi(line.substr(9, 3));
    while (std::getline(lines, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      const size_t colon = line.find(':');
      if (colon == std::string::npos) continue;
      std::string name = line.substr(0, colon);
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      r.headers.emplace(std::move(name), std::move(value));
    }
    if (r.status / 100 == 1) return r;  // interim response
    const bool has_body = !head && r.status != 204 && r.status != 304;
    if (auto len = r.header("content-length"); len && has_body) {
      const size_t n = std::stoul(*len);
      while (buf_.size() < n)
        if (!fill()) return std::nullopt;
      r.body = buf_.substr(0, n);
      buf_.erase(0, n);
    }
    return r;
  }

  // True when the server closes the connection (EOF or reset) with no further bytes.
  bool closed_by_peer() {
    if (!buf_.empty()) return false;
    char c;
    const ssize_t n = ::recv(fd_, &c, 1, 0);
    return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
  }

 private:
  bool fill() {
    char chunk[16384];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buf_.append(chunk, static_cast<size_t>(n));
    return true;
  }

  int fd_ = -1;
  std::string buf_;
};

std::string get_request(std::string_view target, std::string_view extra_headers = "") {
  std::string r = "GET ";
  r += target;
  r += " HTTP/1.1\r\nHost: test\r\n";
  r += extra_headers;
  r += "\r\n";
  return r;
}

std::string big_html() {
  std::string s = "<!DOCTYPE html><html lang=\"zh-CN\"><body>";
  while (s.size() < 8000) s += "<p>政府信息公开指南：依申请公开的办理流程。</p>";
  return s + "</body></html>";
}

// Collects access-log lines for assertions; safe to read while the server writes.
class MemorySink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  std::string text() {
    std::lock_guard lock(mu_);
    return text_;
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t formatted;
    formatter_->format(msg, formatted);
    std::lock_guard lock(mu_);
    text_.append(formatted.data(), formatted.size());
  }
  void flush_() override {}

 private:
  std::mutex mu_;
  std::string text_;
};

// One server on port 0 running in a background thread, with a small router.
class ServerTest : public ::testing::Test {
 protected:
  void start(ServerOptions options = {}) {
    router_.get("/hello", [](Request&) { return Response::text("你好"); }, {.name = "hello"});
    router_.get("/big", [](Request&) { return Response::html(big_html()); }, {.name = "big"});
    router_.get("/echo/{id}",
                [](Request& req) {
                  return Response::text(std::string(req.param("id")) + "|" +
                                        req.query_param("q").value_or("-") + "|" + req.remote_ip + "|" +
                                        (req.secure ? "https" : "http"));
                },
                {.name = "echo"});
    router_.post("/small",
                 [](Request& req) { return Response::text("got " + std::to_string(req.body.size())); },
                 {.name = "small", .body_limit = 1024});
    router_.post("/form",
                 [](Request& req) {
                   auto form = req.form();
                   if (!form) return Response::text(form.error().message(), 400);
                   std::string out;
                   for (const auto& [k, v] : *form) out += k + "=" + v + ";";
                   return Response::text(out);
                 },
                 {.name = "form"});
    router_.get("/boom", [](Request&) -> Response { throw std::runtime_error("simulated failure"); },
                {.name = "boom"});
    router_.get("/bad-header",
                [](Request&) {
                  Response r = Response::text("x");
                  r.headers.set("X-Evil", "a\r\nSet-Cookie: stolen=1");
                  return r;
                },
                {.name = "bad_header"});
    router_.get("/slow",
                [this](Request&) {
                  slow_entered_.set_value();
                  std::this_thread::sleep_for(200ms);
                  return Response::text("slow done");
                },
                {.name = "slow"});
    router_.get("/gate",
                [this](Request&) {
                  gate_entered_.set_value();
                  gate_.get_future().wait();
                  return Response::text("gate open");
                },
                {.name = "gate"});
    router_.get("/metrics", metrics_.handler(), {.name = "metrics"});

    options.host = "127.0.0.1";
    options.port = 0;
    server_ = std::make_unique<Server>(options, router_, ServerObservers{&metrics_, &access_log_});
    auto port = server_->listen();
    ASSERT_TRUE(port.has_value()) << port.error().to_string();
    port_ = *port;
    thread_ = std::thread([this] {
      server_->run();
      run_returned_ = true;
    });
  }

  void TearDown() override {
    if (thread_.joinable()) {
      server_->stop();
      thread_.join();
    }
  }

  // Waits (briefly polling) until `pred` holds; the server records metrics after the last byte.
  template <class Pred>
  static bool eventually(Pred pred) {
    for (int i = 0; i < 400; ++i) {
      if (pred()) return true;
      std::this_thread::sleep_for(5ms);
    }
    return pred();
  }

  std::optional<RawResponse> fetch(std::string_view target, std::string_view extra_headers = "") {
    Client c(port_);
    c.send(get_request(target, extra_headers));
    return c.read_response();
  }

  std::string access_log_text() { return log_sink_->text(); }

  Router router_;
  Metrics metrics_;
  std::shared_ptr<MemorySink> log_sink_ = std::make_shared<MemorySink>();
  AccessLog access_log_{std::make_shared<spdlog::logger>("integration-access", log_sink_)};
  std::unique_ptr<Server> server_;
  std::thread thread_;
  uint16_t port_ = 0;
  std::atomic<bool> run_returned_{false};
  std::promise<void> slow_entered_;
  std::promise<void> gate_entered_;
  std::promise<void> gate_;
};

TEST_F(ServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
  start();
  Client c(port_);
  ASSERT_TRUE(c.send(get_request("/hello")));
  auto first = c.read_response();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(first->body, "你好");
  EXPECT_EQ(first->header("content-type"), "text/plain; charset=utf-8");
  EXPECT_NE(first->header("connection"), "close");
  EXPECT_TRUE(first->header("date").has_value());
  ASSERT_TRUE(c.send(get_request("/echo/7?q=%E5%85%AC%E5%BC%80")));
  auto second = c.read_response();
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->status, 200);
  EXPECT_EQ(second->body, "7|公开|127.0.0.1|http");
  EXPECT_TRUE(eventually([&] { return metrics_.connections_active() == 1; }));
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  start();
  Client c(port_);
  ASSERT_TRUE(c.send(get_request("/echo/1") + get_request("/echo/2") + get_request("/hello")));
  EXPECT_EQ(c.read_response()->body, "1|-|127.0.0.1|http");
  EXPECT_EQ(c.read_response()->body, "2|-|127.0.0.1|http");
  EXPECT_EQ(c.read_response()->body, "你好");
}

TEST_F(ServerTest, ConnectionCloseIsHonoured) {
  start();
  Client c(port_);
  c.send(get_request("/hello", "Connection: close\r\n"));
  auto r = c.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->header("connection"), "close");
  EXPECT_TRUE(c.closed_by_peer());
}

TEST_F(ServerTest, OversizedHeaderGets431) {
  start(ServerOptions{.header_limit = 4 * 1024});
  Client c(port_);
  c.send(get_request("/hello", "Cookie: " + std::string(8 * 1024, 'a') + "\r\n"));
  auto r = c.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 431);
  EXPECT_NE(r->body.find("请求头过大"), std::string::npos);
  EXPECT_EQ(r->header("connection"), "close");
  EXPECT_TRUE(c.closed_by_peer());
  EXPECT_EQ(fetch("/hello")->status, 200);
}

TEST_F(ServerTest, OversizedBodyForSmallRouteGets413) {
  start();
  {
    Client c(port_);
    const std::string body(5000, 'x');
    c.send("POST /small HTTP/1.1\r\nHost: t\r\nContent-Type: text/plain\r\nContent-Length: 5000\r\n\r\n" +
           body);
    auto r = c.read_response();
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->status, 413);
    EXPECT_NE(r->body.find("提交的内容过大"), std::string::npos);
    EXPECT_TRUE(c.closed_by_peer());
  }
  {
    // Without Content-Length the limit is enforced while the chunked body arrives.
    Client c(port_);
    const std::string chunk(2000, 'y');
    c.send("POST /small HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n7d0\r\n" + chunk +
           "\r\n0\r\n\r\n");
    auto r = c.read_response();
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->status, 413);
  }
  {
    Client c(port_);
    c.send("POST /small HTTP/1.1\r\nHost: t\r\nContent-Length: 1024\r\n\r\n" + std::string(1024, 'z'));
    auto r = c.read_response();
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->body, "got 1024");
  }
  EXPECT_TRUE(eventually([&] { return metrics_.request_count("transport", "POST", 413) == 2; }));
}

TEST_F(ServerTest, ExpectContinueIsAnsweredBeforeTheBody) {
  start();
  Client c(port_);
  c.send("POST /small HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
  auto interim = c.read_response();
  ASSERT_TRUE(interim.has_value());
  EXPECT_EQ(interim->status, 100);
  c.send("hello");
  auto r = c.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->body, "got 5");
}

TEST_F(ServerTest, MalformedRequestGets400AndServerKeepsServing) {
  start();
  for (const char* garbage :
       {"BLAH\r\n\r\n", "GET / HTTP/9.9\r\n\r\n", "GET /hello HTTP/1.1\r\nBad Header\r\n\r\n",
        "GET /hello HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
        "POST /small HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "POST /small HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
        "\x16\x03\x01\x02\x00\x01\x00\r\n\r\n"}) {
    Client c(port_);
    c.send(garbage);
    auto r = c.read_response();
    ASSERT_TRUE(r.has_value()) << garbage;
    EXPECT_EQ(r->status, 400) << garbage;
    EXPECT_NE(r->body.find("请求格式有误"), std::string::npos);
    EXPECT_TRUE(r->header("x-request-id").has_value());
    EXPECT_TRUE(c.closed_by_peer()) << garbage;
  }
  auto next = fetch("/hello");
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->status, 200);
}

TEST_F(ServerTest, InvalidUtf8InPathOrQueryGets400) {
  start();
  for (const char* target : {"/%FF", "/echo/%C0%AF", "/echo/1?q=%FE", "/echo/%E5%85", "/echo/1?q=%zz"}) {
    auto r = fetch(target);
    ASSERT_TRUE(r.has_value()) << target;
    EXPECT_EQ(r->status, 400) << target;
  }
  auto raw = fetch("/echo/\xff\xfe");
  ASSERT_TRUE(raw.has_value());
  EXPECT_EQ(raw->status, 400);
  auto ok = fetch("/echo/%E5%85%AC%E5%BC%80");
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(ok->status, 200);
  EXPECT_EQ(ok->body, "公开|-|127.0.0.1|http");
}

TEST_F(ServerTest, FormBodyReachesHandlerDecoded) {
  start();
  Client c(port_);
  const std::string body = "name=%E5%BC%A0%E4%B8%89&reason=a+b";
  c.send(
      "POST /form HTTP/1.1\r\nHost: t\r\nContent-Type: "
      "application/x-www-form-urlencoded\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body);
  auto r = c.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->body, "name=张三;reason=a b;");
}

TEST_F(ServerTest, ThrowingHandlerGets500PageAndNextRequestIsFine) {
  start();
  Client c(port_);
  c.send(get_request("/boom"));
  auto r = c.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 500);
  EXPECT_NE(r->body.find("服务器内部错误"), std::string::npos);
  const auto rid = r->header("x-request-id");
  ASSERT_TRUE(rid.has_value());
  EXPECT_NE(r->body.find(*rid), std::string::npos);
  c.send(get_request("/hello"));
  auto next = c.read_response();
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->status, 200);
}

TEST_F(ServerTest, HeaderInjectionFromHandlerBecomes500) {
  start();
  auto r = fetch("/bad-header");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 500);
  EXPECT_FALSE(r->header("set-cookie").has_value());
}

TEST_F(ServerTest, GzipAppliedOnlyWhenAsked) {
  start();
  auto gz = fetch("/big", "Accept-Encoding: gzip, deflate, br\r\n");
  ASSERT_TRUE(gz.has_value());
  EXPECT_EQ(gz->header("content-encoding"), "gzip");
  EXPECT_EQ(gz->header("vary"), "Accept-Encoding");
  EXPECT_EQ(gzip_decompress(gz->body), big_html());
  auto plain = fetch("/big");
  ASSERT_TRUE(plain.has_value());
  EXPECT_FALSE(plain->header("content-encoding").has_value());
  EXPECT_EQ(plain->body, big_html());
  auto small = fetch("/hello", "Accept-Encoding: gzip\r\n");
  EXPECT_FALSE(small->header("content-encoding").has_value());
}

TEST_F(ServerTest, HeadSendsHeadersWithoutBody) {
  start();
  Client c(port_);
  c.send("HEAD /big HTTP/1.1\r\nHost: t\r\n\r\n");
  auto r = c.read_response(/*head=*/true);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->header("content-length"), std::to_string(big_html().size()));
  // Had a body been sent, it would be parsed as the next response here.
  c.send(get_request("/hello"));
  auto next = c.read_response();
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->status, 200);
  EXPECT_EQ(next->body, "你好");
}

TEST_F(ServerTest, NotFoundAndMethodNotAllowed) {
  start();
  auto nf = fetch("/nowhere");
  ASSERT_TRUE(nf.has_value());
  EXPECT_EQ(nf->status, 404);
  EXPECT_NE(nf->body.find("页面不存在"), std::string::npos);
  Client c(port_);
  c.send("DELETE /hello HTTP/1.1\r\nHost: t\r\n\r\n");
  auto na = c.read_response();
  ASSERT_TRUE(na.has_value());
  EXPECT_EQ(na->status, 405);
  EXPECT_EQ(na->header("allow"), "GET, HEAD");
  EXPECT_TRUE(eventually([&] { return metrics_.request_count("unmatched", "GET", 404) == 1; }));
}

TEST_F(ServerTest, RequestIdIsEchoedOrGenerated) {
  start();
  auto echoed = fetch("/hello", "X-Request-Id: nginx-abc-123\r\n");
  EXPECT_EQ(echoed->header("x-request-id"), "nginx-abc-123");
  auto generated = fetch("/hello");
  const auto id = generated->header("x-request-id");
  ASSERT_TRUE(id.has_value());
  EXPECT_EQ(id->size(), 32u);
  auto replaced = fetch("/hello", "X-Request-Id: <script>alert(1)</script>\r\n");
  const auto rid = replaced->header("x-request-id");
  ASSERT_TRUE(rid.has_value());
  EXPECT_EQ(rid->size(), 32u);
  EXPECT_TRUE(eventually(
      [&] { return access_log_text().find("\"request_id\":\"nginx-abc-123\"") != std::string::npos; }));
}

TEST_F(ServerTest, AccessLogHasOneJsonLinePerRequest) {
  start();
  fetch("/echo/9?q=x", "User-Agent: gk-test/1.0\r\n");
  ASSERT_TRUE(eventually([&] { return access_log_text().find("\"route\":\"echo\"") != std::string::npos; }));
  const std::string log = access_log_text();
  EXPECT_NE(
      log.find("\"method\":\"GET\",\"path\":\"/echo/9\",\"query\":\"q=x\",\"route\":\"echo\",\"status\":200"),
      std::string::npos)
      << log;
  EXPECT_NE(log.find("\"user_agent\":\"gk-test/1.0\""), std::string::npos);
  EXPECT_NE(log.find("\"remote_ip\":\"127.0.0.1\""), std::string::npos);
}

TEST_F(ServerTest, MetricsEndpointExposesRequestsAndConnections) {
  start();
  fetch("/hello");
  ASSERT_TRUE(eventually([&] { return metrics_.request_count("hello", "GET", 200) == 1; }));
  ASSERT_TRUE(eventually([&] { return metrics_.connections_active() == 0; }));
  auto r = fetch("/metrics");
  ASSERT_TRUE(r.has_value());
  EXPECT_NE(r->body.find("http_requests_total{route=\"hello\",method=\"GET\",status=\"200\"} 1"),
            std::string::npos);
  EXPECT_NE(r->body.find("http_connections_active 1"), std::string::npos);  // the scraping connection
}

TEST_F(ServerTest, BlockingHandlerDoesNotStallOtherConnections) {
  start(ServerOptions{.io_threads = 1, .worker_threads = 2});
  Client slow(port_);
  slow.send(get_request("/gate"));
  gate_entered_.get_future().wait();
  auto other = fetch("/hello");  // served while /gate still blocks its worker
  ASSERT_TRUE(other.has_value());
  EXPECT_EQ(other->status, 200);
  gate_.set_value();
  auto r = slow.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->body, "gate open");
}

TEST_F(ServerTest, ManyClientsOnSeveralIoThreads) {
  start(ServerOptions{.io_threads = 2, .worker_threads = 3});
  constexpr int kClients = 8;
  constexpr int kRequests = 50;
  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&, i] {
      Client c(port_);
      for (int j = 0; j < kRequests; ++j) {
        const std::string id = std::to_string(i * 1000 + j);
        c.send(get_request("/echo/" + id, j % 2 ? "Accept-Encoding: gzip\r\n" : ""));
        auto r = c.read_response();
        if (r && r->status == 200 && r->body == id + "|-|127.0.0.1|http") ++ok;
      }
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(ok.load(), kClients * kRequests);
  EXPECT_TRUE(eventually([&] { return metrics_.request_count("echo", "GET", 200) == kClients * kRequests; }));
}

TEST_F(ServerTest, GracefulStopLetsInFlightRequestFinish) {
  start();
  Client idle(port_);  // an idle keep-alive connection: closed at once on stop
  idle.send(get_request("/hello"));
  ASSERT_EQ(idle.read_response()->status, 200);
  Client c(port_);
  c.send(get_request("/slow"));
  slow_entered_.get_future().wait();
  server_->stop();
  EXPECT_TRUE(idle.closed_by_peer());
  auto r = c.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "slow done");
  EXPECT_EQ(r->header("connection"), "close");
  thread_.join();
  EXPECT_TRUE(run_returned_);
  EXPECT_THROW(Client{port_}, std::runtime_error);  // no longer accepting
}

TEST_F(ServerTest, SigtermStopsGracefullyWhenSignalHandlingIsOn) {
  start(ServerOptions{.install_signal_handlers = true});
  Client c(port_);
  c.send(get_request("/slow"));
  slow_entered_.get_future().wait();
  ASSERT_EQ(::raise(SIGTERM), 0);
  auto r = c.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->body, "slow done");
  EXPECT_EQ(r->header("connection"), "close");
  thread_.join();
  EXPECT_TRUE(run_returned_);
}

TEST_F(ServerTest, StopWithNoConnectionsReturnsPromptly) {
  start();
  const auto t0 = std::chrono::steady_clock::now();
  server_->stop();
  thread_.join();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 2s);
}

TEST_F(ServerTest, MaxConnectionsIsEnforced) {
  start(ServerOptions{.max_connections = 2});
  Client a(port_), b(port_);
  a.send(get_request("/hello"));
  b.send(get_request("/hello"));
  ASSERT_EQ(a.read_response()->status, 200);
  ASSERT_EQ(b.read_response()->status, 200);
  {
    Client c(port_);
    c.send(get_request("/hello"));
    auto r = c.read_response();
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->status, 503);
    EXPECT_NE(r->body.find("服务暂时不可用"), std::string::npos);
    EXPECT_TRUE(c.closed_by_peer());
  }
  a.close();
  // Once the server has seen `a` go, a new connection is served again.
  EXPECT_TRUE(eventually([&] {
    Client d(port_);
    d.send(get_request("/hello"));
    auto r = d.read_response();
    return r && r->status == 200;
  }));
}

TEST_F(ServerTest, SlowHeaderIsCutOffByReadTimeout) {
  start(ServerOptions{.read_timeout = std::chrono::seconds(1)});
  Client c(port_);
  c.send("GET /hello HTTP/1.1\r\nHost: t\r\n");  // never finishes the header
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_TRUE(c.closed_by_peer());
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 4s);
}

TEST_F(ServerTest, TrustedProxyHeadersSetRemoteIpAndScheme) {
  start(ServerOptions{.trust_proxy = true});
  auto r = fetch("/echo/1", "X-Forwarded-For: 203.0.113.9, 198.51.100.2\r\nX-Forwarded-Proto: https\r\n");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->body, "1|-|198.51.100.2|https");
}

TEST_F(ServerTest, ProxyHeadersIgnoredWhenNotTrusted) {
  start();
  auto r = fetch("/echo/1", "X-Forwarded-For: 203.0.113.9\r\nX-Forwarded-Proto: https\r\n");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->body, "1|-|127.0.0.1|http");
}

TEST(ServerListenTest, BindFailureIsUnavailable) {
  Router router;
  Server first(ServerOptions{.host = "127.0.0.1", .port = 0}, router);
  auto port = first.listen();
  ASSERT_TRUE(port.has_value());
  Server second(ServerOptions{.host = "127.0.0.1", .port = *port}, router);
  auto r = second.listen();
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), ErrorCode::kUnavailable);
  EXPECT_NE(r.error().message().find(std::to_string(*port)), std::string::npos);
}

TEST(ServerListenTest, UnassignableAddressIsUnavailable) {
  Router router;
  Server server(ServerOptions{.host = "192.0.2.1", .port = 0}, router);  // TEST-NET-1, never local
  auto r = server.listen();
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace gk::http
