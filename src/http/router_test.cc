#include "http/router.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace gk::http {
namespace {

Request make(std::string method, std::string path) {
  Request r;
  r.method = std::move(method);
  r.path = std::move(path);
  r.request_id = "test";
  return r;
}

Handler say(std::string what) {
  return [what](Request& req) {
    std::string body = what;
    for (const auto& [k, v] : req.path_params) body += " " + k + "=" + v;
    return Response::text(body);
  };
}

TEST(RouterTest, MatchesLiteralAndParameterSegments) {
  Router r;
  r.get("/", say("home"));
  r.get("/documents/{id}", say("doc"));
  r.get("/documents/{id}/attachments/{name}", say("att"));
  auto home = make("GET", "/");
  EXPECT_EQ(r.dispatch(home).body, "home");
  auto doc = make("GET", "/documents/42");
  EXPECT_EQ(r.dispatch(doc).body, "doc id=42");
  EXPECT_EQ(doc.param("id"), "42");
  auto att = make("GET", "/documents/7/attachments/年报.pdf");
  EXPECT_EQ(r.dispatch(att).body, "att id=7 name=年报.pdf");
}

TEST(RouterTest, ExactMatchWinsOverParameter) {
  Router r;
  r.get("/documents/{id}", say("doc"));
  r.get("/documents/new", say("new"));
  auto req = make("GET", "/documents/new");
  EXPECT_EQ(r.dispatch(req).body, "new");
  EXPECT_TRUE(req.path_params.empty());
  auto other = make("GET", "/documents/5");
  EXPECT_EQ(r.dispatch(other).body, "doc id=5");
}

TEST(RouterTest, EarlierLiteralSegmentWins) {
  Router r;
  r.get("/{a}/edit", say("param-first"));
  r.get("/documents/{id}", say("literal-first"));
  auto req = make("GET", "/documents/edit");
  EXPECT_EQ(r.dispatch(req).body, "literal-first id=edit");
}

TEST(RouterTest, RestParameterTakesTheRemainingPath) {
  Router r;
  r.get("/static/{path...}", say("static"));
  r.get("/static/special.css", say("special"));
  auto req = make("GET", "/static/css/site.css");
  EXPECT_EQ(r.dispatch(req).body, "static path=css/site.css");
  auto special = make("GET", "/static/special.css");
  EXPECT_EQ(r.dispatch(special).body, "special");
  auto bare = make("GET", "/static");
  EXPECT_EQ(r.dispatch(bare).status, 404);
}

TEST(RouterTest, ParametersDoNotMatchEmptySegmentsOrExtraSegments) {
  Router r;
  r.get("/documents/{id}", say("doc"));
  for (const char* p : {"/documents/", "/documents", "/documents/1/x", "/documents//"}) {
    auto req = make("GET", p);
    EXPECT_EQ(r.dispatch(req).status, 404) << p;
  }
}

TEST(RouterTest, TrailingSlashIsSignificant) {
  Router r;
  r.get("/about", say("about"));
  auto req = make("GET", "/about/");
  EXPECT_EQ(r.dispatch(req).status, 404);
}

TEST(RouterTest, UnknownPathIs404WithErrorPage) {
  Router r;
  r.get("/", say("home"));
  auto req = make("GET", "/nope");
  Response res = r.dispatch(req);
  EXPECT_EQ(res.status, 404);
  EXPECT_NE(res.body.find("页面不存在"), std::string::npos);
  EXPECT_TRUE(req.route.empty());
}

TEST(RouterTest, KnownPathWithOtherMethodIs405WithAllow) {
  Router r;
  r.get("/apply", say("form"));
  r.post("/apply", say("submit"));
  r.del("/documents/{id}", say("delete"));
  auto put = make("PUT", "/apply");
  Response res = r.dispatch(put);
  EXPECT_EQ(res.status, 405);
  EXPECT_EQ(*res.headers.get("Allow"), "GET, HEAD, POST");
  auto get_doc = make("GET", "/documents/3");
  Response res2 = r.dispatch(get_doc);
  EXPECT_EQ(res2.status, 405);
  EXPECT_EQ(*res2.headers.get("Allow"), "DELETE");
}

TEST(RouterTest, HeadIsServedByGetRoute) {
  Router r;
  r.get("/page", say("page"));
  auto req = make("HEAD", "/page");
  Response res = r.dispatch(req);
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(req.route, "/page");
  // The body stays so the server can send its Content-Length; the server drops it on the wire.
  EXPECT_EQ(res.body, "page");
}

TEST(RouterTest, ExplicitHeadRouteWinsOverGet) {
  Router r;
  r.get("/page", say("get"));
  r.add("HEAD", "/page", say("head"));
  auto req = make("HEAD", "/page");
  EXPECT_EQ(r.dispatch(req).body, "head");
}

TEST(RouterTest, HeadOnPostOnlyRouteIs405) {
  Router r;
  r.post("/submit", say("x"));
  auto req = make("HEAD", "/submit");
  EXPECT_EQ(r.dispatch(req).status, 405);
}

TEST(RouterTest, BodyLimitAndRouteNameComeFromOptions) {
  Router r;
  r.post("/upload", say("up"), {.name = "admin.upload", .body_limit = 10 * 1024 * 1024});
  r.get("/documents/{id}", say("doc"), {.name = "portal.document"});
  r.get("/plain", say("plain"));
  EXPECT_EQ(r.body_limit_for("POST", "/upload"), 10u * 1024 * 1024);
  EXPECT_EQ(r.body_limit_for("GET", "/documents/1"), kDefaultBodyLimit);
  EXPECT_EQ(r.body_limit_for("POST", "/nowhere"), kDefaultBodyLimit);
  r.set_default_body_limit(1000);
  EXPECT_EQ(r.body_limit_for("POST", "/nowhere"), 1000u);
  EXPECT_EQ(r.route_name("GET", "/documents/9"), "portal.document");
  EXPECT_EQ(r.route_name("HEAD", "/documents/9"), "portal.document");
  EXPECT_EQ(r.route_name("GET", "/plain"), "/plain");
  EXPECT_EQ(r.route_name("GET", "/nowhere"), "");
  auto req = make("GET", "/documents/9");
  r.dispatch(req);
  EXPECT_EQ(req.route, "portal.document");
}

TEST(RouterTest, MiddlewareRunsOutermostFirstAroundEveryDispatch) {
  Router r;
  std::vector<std::string> trace;
  r.use([&](Request& req, const Handler& next) {
    trace.push_back("outer-in " + req.route);
    Response res = next(req);
    res.headers.set("X-Outer", "1");
    trace.push_back("outer-out");
    return res;
  });
  r.use([&](Request& req, const Handler& next) {
    trace.push_back("inner-in");
    return next(req);
  });
  r.get("/x",
        [&](Request&) {
          trace.push_back("handler");
          return Response::text("x");
        },
        {.name = "x"});
  auto req = make("GET", "/x");
  Response res = r.dispatch(req);
  EXPECT_EQ(*res.headers.get("X-Outer"), "1");
  EXPECT_EQ(trace, (std::vector<std::string>{"outer-in x", "inner-in", "handler", "outer-out"}));

  trace.clear();
  auto missing = make("GET", "/missing");
  Response nf = r.dispatch(missing);
  EXPECT_EQ(nf.status, 404);
  EXPECT_EQ(*nf.headers.get("X-Outer"), "1");
}

TEST(RouterTest, MiddlewareCanShortCircuit) {
  Router r;
  r.use([](Request& req, const Handler& next) {
    if (!req.cookie("sid")) return Response::redirect("/login");
    return next(req);
  });
  r.get("/admin", say("admin"));
  auto req = make("GET", "/admin");
  Response res = r.dispatch(req);
  EXPECT_EQ(res.status, 303);
  EXPECT_EQ(*res.headers.get("Location"), "/login");
}

TEST(RouterTest, CustomNotFoundHandler) {
  Router r;
  r.set_not_found([](Request&) { return Response::json("{\"error\":\"not_found\"}", 404); });
  auto req = make("GET", "/x");
  EXPECT_EQ(r.dispatch(req).body, "{\"error\":\"not_found\"}");
}

TEST(RouterTest, ChainComposesPerRouteMiddleware) {
  auto tag = [](std::string t) {
    return Middleware([t](Request& req, const Handler& next) {
      Response res = next(req);
      res.body = t + "(" + res.body + ")";
      return res;
    });
  };
  Handler h = chain({tag("a"), tag("b")}, say("h"));
  Request req = make("GET", "/");
  EXPECT_EQ(h(req).body, "a(b(h))");
}

TEST(RouterTest, BadPatternsAndDuplicatesThrow) {
  Router r;
  EXPECT_THROW(r.get("no-slash", say("x")), std::invalid_argument);
  EXPECT_THROW(r.get("/a/{}", say("x")), std::invalid_argument);
  EXPECT_THROW(r.get("/a/{x", say("x")), std::invalid_argument);
  EXPECT_THROW(r.get("/a/x{y}", say("x")), std::invalid_argument);
  EXPECT_THROW(r.get("/a/{rest...}/b", say("x")), std::invalid_argument);
  EXPECT_THROW(r.get("/a", Handler()), std::invalid_argument);
  r.get("/a/{id}", say("x"));
  EXPECT_THROW(r.get("/a/{id}", say("y")), std::invalid_argument);
  EXPECT_NO_THROW(r.post("/a/{id}", say("y")));
}

TEST(RouterTest, HandlerExceptionsPropagateToTheCaller) {
  Router r;
  r.get("/boom", [](Request&) -> Response { throw std::runtime_error("db down"); });
  auto req = make("GET", "/boom");
  EXPECT_THROW(r.dispatch(req), std::runtime_error);
}

}  // namespace
}  // namespace gk::http
