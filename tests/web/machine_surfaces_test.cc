// The document library's machine-readable surfaces as their consumers see them: Atom feeds (parsed
// as XML), sitemaps (and the index beyond the per-file cap), the JSON API (parsed as JSON) and the
// XLSX export (unzipped with zlib and read). Every request goes through the real router, middleware
// and SQLite storage.
#include <gtest/gtest.h>
#include <zlib.h>

#include <boost/json.hpp>
#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>
#include <cstring>
#include <map>
#include <set>
#include <sstream>

#include "http/form.h"
#include "web/sitemap.h"
#include "web/xlsx_export.h"
#include "web_fixture.h"

namespace gk::web_test {
namespace {

namespace json = boost::json;
namespace pt = boost::property_tree;

constexpr const char* kHost = "www.dongyang.gov.cn";
constexpr const char* kBase = "http://www.dongyang.gov.cn";

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

// Parses XML; fails the test (and returns an empty tree) when it is not well-formed.
pt::ptree parse_xml(const std::string& body) {
  pt::ptree tree;
  std::istringstream in(body);
  try {
    pt::read_xml(in, tree);
  } catch (const pt::xml_parser_error& e) {
    ADD_FAILURE() << "not well-formed XML: " << e.what() << "\n" << body;
  }
  return tree;
}

// Children of `node` called `name`.
std::vector<pt::ptree> children(const pt::ptree& node, const std::string& name) {
  std::vector<pt::ptree> out;
  for (const auto& [k, v] : node)
    if (k == name) out.push_back(v);
  return out;
}

std::string attr(const pt::ptree& node, const std::string& name) {
  return node.get<std::string>("<xmlattr>." + name, "");
}

// The entries of a zip archive (name → uncompressed bytes), read through the central directory;
// deflated entries are inflated with zlib. Fails the test on a malformed archive.
std::map<std::string, std::string> unzip(const std::string& zip) {
  std::map<std::string, std::string> out;
  auto u16 = [&](size_t at) {
    return static_cast<uint32_t>(static_cast<unsigned char>(zip[at]) | static_cast<unsigned char>(zip[at + 1])
                                                                           << 8);
  };
  auto u32 = [&](size_t at) { return u16(at) | u16(at + 2) << 16; };
  size_t eocd = std::string::npos;  // the end-of-central-directory record, searched from the end
  for (size_t i = zip.size() >= 22 ? zip.size() - 22 : 0; zip.size() >= 22; --i) {
    if (u32(i) == 0x06054b50) {
      eocd = i;
      break;
    }
    if (i == 0) break;
  }
  if (eocd == std::string::npos) {
    ADD_FAILURE() << "no end of central directory";
    return out;
  }
  const size_t entries = u16(eocd + 10);
  size_t at = u32(eocd + 16);
  for (size_t e = 0; e < entries; ++e) {
    if (at + 46 > zip.size() || u32(at) != 0x02014b50) {
      ADD_FAILURE() << "bad central directory entry " << e;
      return out;
    }
    const uint32_t method = u16(at + 10), csize = u32(at + 20), usize = u32(at + 24);
    const uint32_t name_len = u16(at + 28), extra_len = u16(at + 30), comment_len = u16(at + 32);
    const size_t local = u32(at + 42);
    const std::string name = zip.substr(at + 46, name_len);
    at += 46 + name_len + extra_len + comment_len;
    const size_t data = local + 30 + u16(local + 26) + u16(local + 28);
    const std::string compressed = zip.substr(data, csize);
    if (method == 0) {
      out[name] = compressed;
      continue;
    }
    std::string plain(usize, '\0');
    z_stream zs{};
    inflateInit2(&zs, -MAX_WBITS);
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
    zs.avail_in = static_cast<uInt>(compressed.size());
    zs.next_out = reinterpret_cast<Bytef*>(plain.data());
    zs.avail_out = static_cast<uInt>(plain.size());
    const int rc = inflate(&zs, Z_FINISH);
    inflateEnd(&zs);
    EXPECT_EQ(rc, Z_STREAM_END) << name;
    out[name] = plain;
  }
  return out;
}

struct DocSpec {
  std::string title;
  std::string department = "czj";
  std::string summary = "内容概述";
  std::string effective_on;
  std::string topic = "finance";
  std::vector<std::string> columns;  // column keys of the department
  std::vector<std::pair<documents::RelationKind, DocumentId>> relations;
  bool publish = true;
};

class MachineSurfacesTest : public WebFixture {
 protected:
  accounts::Department department(const std::string& code) {
    auto depts = accounts_->list_departments(nullptr);
    EXPECT_TRUE(depts);
    for (const auto& d : *depts)
      if (d.code == code) return d;
    ADD_FAILURE() << "no department " << code;
    return {};
  }

  // Drafts a document in the department as the system principal and, unless told otherwise, takes
  // it through submit → approve → publish (published now).
  DocumentId add_document(const DocSpec& spec) {
    const auto dept = department(spec.department);
    accounts::Principal who = accounts::Principal::system();
    who.department = dept.id;
    who.department_name = dept.name;
    documents::DocumentDraft d;
    d.title = spec.title;
    d.summary = spec.summary;
    d.effective_on = spec.effective_on;
    d.topic = spec.topic;
    std::string text;
    for (char ch : spec.title)
      text += ch == '<' ? "&lt;" : ch == '>' ? "&gt;" : ch == '&' ? "&amp;" : std::string(1, ch);
    d.body_html = "<p>" + text + "的正文。</p>";
    d.relations = spec.relations;
    if (!spec.columns.empty()) {
      auto cols = documents_->columns(dept.id);
      EXPECT_TRUE(cols);
      for (const auto& key : spec.columns)
        for (const auto& c : *cols)
          if (c.key == key) d.columns.push_back(c.id);
    }
    const RequestContext rc{"test", "", ""};
    auto id = documents_->create(who, d, rc);
    EXPECT_TRUE(id) << id.error().to_string();
    if (!id || !spec.publish) return id.value_or(DocumentId());
    auto version = [&] { return documents_->get(accounts::Principal::system(), *id)->document.version; };
    for (auto action : {documents::WorkflowAction::kSubmit, documents::WorkflowAction::kApprove}) {
      Status st = documents_->act(accounts::Principal::system(), *id, version(), action, "", rc);
      EXPECT_TRUE(st) << st.error().to_string();
    }
    Status st = documents_->publish(accounts::Principal::system(), *id, version(), std::nullopt, rc);
    EXPECT_TRUE(st) << st.error().to_string();
    return *id;
  }

  void ensure_columns(const std::string& code) {
    auto n = documents_->ensure_columns({department(code).id}, {"test", "", ""});
    ASSERT_TRUE(n) << n.error().to_string();
  }

  // A GET as a feed reader or crawler sends it: with a Host header, no cookies.
  http::Response fetch(const std::string& target, const std::string& host = kHost, bool secure = false) {
    http::Request req = request(target, host, secure);
    return router_->dispatch(req);
  }

  http::Request request(const std::string& target, const std::string& host = kHost, bool secure = false) {
    http::Request req;
    req.method = "GET";
    req.target = target;
    auto parsed = http::parse_target(target);
    EXPECT_TRUE(parsed) << target;
    req.path = parsed->path;
    req.raw_query = parsed->raw_query;
    req.query = parsed->query;
    if (!host.empty()) req.headers.set("Host", host);
    req.remote_ip = "127.0.0.1";
    req.request_id = "test-request";
    req.secure = secure;
    return req;
  }

  json::value fetch_json(const std::string& target, int expected_status = 200) {
    http::Response res = fetch(target);
    EXPECT_EQ(res.status, expected_status) << target << "\n" << res.body;
    EXPECT_EQ(res.headers.get("Content-Type"), "application/json; charset=utf-8") << target;
    EXPECT_EQ(res.headers.get("Access-Control-Allow-Origin"), "*") << target;
    boost::system::error_code ec;
    json::value v = json::parse(res.body, ec);
    EXPECT_FALSE(ec) << "not JSON: " << res.body;
    return v;
  }

  static std::set<std::string> locs(const pt::ptree& urlset) {
    std::set<std::string> out;
    for (const auto& u : children(urlset, "url")) out.insert(u.get<std::string>("loc"));
    return out;
  }
};

// ---- Atom ---------------------------------------------------------------------------------------

TEST_F(MachineSurfacesTest, AtomFeedIsWellFormedAndEscapesMarkupInTitles) {
  const std::string title = "关于<script>预算&决算</script>公开的\"通知\"";
  const DocumentId id = add_document({.title = title, .summary = "概述含 <b>标签</b> & 符号"});

  http::Response res = fetch("/feeds/documents.atom");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.headers.get("Content-Type"), "application/atom+xml; charset=utf-8");
  EXPECT_FALSE(contains(res.body, "<script>")) << "markup in a title must be escaped";
  ASSERT_TRUE(res.body.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>"));

  const pt::ptree tree = parse_xml(res.body);
  const pt::ptree& feed = tree.get_child("feed");
  EXPECT_EQ(attr(feed, "xmlns"), "http://www.w3.org/2005/Atom");
  EXPECT_EQ(feed.get<std::string>("id"), "tag:www.dongyang.gov.cn,2024:feed/documents");
  EXPECT_EQ(feed.get<std::string>("title"), "东阳市人民政府 · 最新政府文件");
  bool self = false;
  for (const auto& link : children(feed, "link"))
    if (attr(link, "rel") == "self")
      self = attr(link, "href") == std::string(kBase) + "/feeds/documents.atom";
  EXPECT_TRUE(self);
  const auto entries = children(feed, "entry");
  ASSERT_EQ(entries.size(), 1u);
  const pt::ptree& e = entries[0];
  EXPECT_EQ(e.get<std::string>("title"), title) << "the parser gets the exact title back";
  EXPECT_EQ(e.get<std::string>("id"), "tag:www.dongyang.gov.cn,2024:document/" + std::to_string(id.value));
  EXPECT_EQ(attr(e.get_child("link"), "href"), std::string(kBase) + "/documents/" + std::to_string(id.value));
  EXPECT_EQ(e.get<std::string>("published"), "2024-10-01T00:00:00.000Z");  // 08:00 CST
  EXPECT_EQ(e.get<std::string>("updated"), "2024-10-01T00:00:00.000Z");
  EXPECT_EQ(e.get<std::string>("summary"), "概述含 <b>标签</b> & 符号");
  EXPECT_EQ(e.get<std::string>("author.name"), "东阳市财政局") << "issuing body";
  EXPECT_EQ(attr(e.get_child("category"), "term"), "finance");
  EXPECT_EQ(attr(e.get_child("category"), "label"), "财政、金融、审计");
  EXPECT_EQ(feed.get<std::string>("updated"), "2024-10-01T00:00:00.000Z");
}

TEST_F(MachineSurfacesTest, FeedLinksFollowTheSchemeButIdsDoNot) {
  add_document({.title = "财政预算公开"});
  const pt::ptree https = parse_xml(fetch("/feeds/documents.atom", kHost, true).body);
  const pt::ptree http = parse_xml(fetch("/feeds/documents.atom", kHost, false).body);
  EXPECT_TRUE(attr(https.get_child("feed.entry.link"), "href").starts_with("https://www.dongyang.gov.cn/"));
  EXPECT_EQ(https.get<std::string>("feed.entry.id"), http.get<std::string>("feed.entry.id"));

  // A Host header that is not a plain host name never reaches the markup.
  http::Response odd = fetch("/feeds/documents.atom", "evil.example\"><x y=\"");
  ASSERT_EQ(odd.status, 200);
  EXPECT_FALSE(contains(odd.body, "evil.example"));
  EXPECT_TRUE(contains(odd.body, "http://127.0.0.1:8080/documents/"));
}

TEST_F(MachineSurfacesTest, DepartmentFeedIsScopedToTheDepartmentAndColumn) {
  ensure_columns("czj");
  add_document({.title = "财政局预算公开", .columns = {"art20_01"}});
  add_document({.title = "财政局人事任免"});
  add_document({.title = "横店镇公告", .department = "hdz"});
  add_document({.title = "财政局草稿", .publish = false});

  http::Response res = fetch("/feeds/departments/czj.atom");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.headers.get("Content-Type"), "application/atom+xml; charset=utf-8");
  const pt::ptree feed = parse_xml(res.body).get_child("feed");
  std::set<std::string> titles;
  for (const auto& e : children(feed, "entry")) titles.insert(e.get<std::string>("title"));
  EXPECT_EQ(titles, (std::set<std::string>{"财政局预算公开", "财政局人事任免"}));
  EXPECT_EQ(feed.get<std::string>("title"), "东阳市财政局 · 政府信息公开");

  const pt::ptree column =
      parse_xml(fetch("/feeds/departments/czj.atom?column=art20_01").body).get_child("feed");
  ASSERT_EQ(children(column, "entry").size(), 1u);
  EXPECT_EQ(column.get<std::string>("entry.title"), "财政局预算公开");
  std::map<std::string, std::string> links;
  for (const auto& link : children(column, "link")) links[attr(link, "rel")] = attr(link, "href");
  EXPECT_EQ(links["self"], std::string(kBase) + "/feeds/departments/czj.atom?column=art20_01");
  EXPECT_EQ(links["alternate"], std::string(kBase) + "/departments/czj/disclosure?column=art20_01");

  EXPECT_EQ(fetch("/feeds/departments/nope.atom").status, 404);
  EXPECT_EQ(fetch("/feeds/departments/czj.rss").status, 404);
  EXPECT_EQ(fetch("/feeds/departments/czj.atom?column=nope").status, 404);
}

TEST_F(MachineSurfacesTest, PagesAdvertiseTheirFeeds) {
  ensure_columns("czj");
  Client c;
  const std::string home = get(c, "/").body;
  EXPECT_TRUE(contains(home,
                       "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"东阳市人民政府 · "
                       "最新政府文件\" href=\"/feeds/documents.atom\">"));

  const std::string dept = get(c, "/departments/czj/disclosure").body;
  EXPECT_TRUE(contains(dept,
                       "type=\"application/atom+xml\" title=\"东阳市财政局 · 政府信息公开\" "
                       "href=\"/feeds/departments/czj.atom\">"));
  EXPECT_FALSE(contains(dept, "href=\"/feeds/documents.atom\">"))
      << "the page's own feeds replace the default";

  const std::string column = get(c, "/departments/czj/disclosure?column=art20_01").body;
  EXPECT_TRUE(contains(column, "href=\"/feeds/departments/czj.atom\">"));
  EXPECT_TRUE(contains(column, "href=\"/feeds/departments/czj.atom?column=art20_01\">"));
}

// ---- Sitemap ------------------------------------------------------------------------------------

TEST_F(MachineSurfacesTest, SitemapListsPublicPagesAndDocumentsButNotDrafts) {
  ensure_columns("czj");
  const DocumentId published = add_document({.title = "已发布文件"});
  const DocumentId draft = add_document({.title = "草稿文件", .publish = false});

  http::Response res = fetch("/sitemap.xml");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.headers.get("Content-Type"), "application/xml; charset=utf-8");
  const pt::ptree urlset = parse_xml(res.body).get_child("urlset");
  EXPECT_EQ(attr(urlset, "xmlns"), "http://www.sitemaps.org/schemas/sitemap/0.9");
  const auto all = locs(urlset);
  const std::string base(kBase);
  for (const std::string path :
       {"/", "/documents", "/normative", "/departments", "/plans", "/budgets", "/guides", "/topics",
        "/departments/czj", "/departments/czj/disclosure",
        "/departments/czj/disclosure?column=art20_01", "/departments/hdz/disclosure"}) {
    EXPECT_TRUE(all.contains(base + path)) << path;
  }
  EXPECT_TRUE(all.contains(base + "/documents/" + std::to_string(published.value)));
  EXPECT_FALSE(all.contains(base + "/documents/" + std::to_string(draft.value)));
  EXPECT_TRUE(contains(res.body, "column=art20_01</loc>") && contains(res.body, "disclosure?column="));
  for (const auto& u : children(urlset, "url")) {
    if (u.get<std::string>("loc") == base + "/documents/" + std::to_string(published.value)) {
      EXPECT_EQ(u.get<std::string>("lastmod"), "2024-10-01T00:00:00.000Z");
    }
  }
  EXPECT_EQ(fetch("/sitemap-1.xml").body, res.body) << "one file: part 1 is the whole sitemap";
  EXPECT_EQ(fetch("/sitemap-2.xml").status, 404);
}

TEST_F(MachineSurfacesTest, SitemapBeyondTheCapBecomesAnIndexOfParts) {
  ensure_columns("czj");
  std::set<std::string> documents;
  for (int i = 0; i < 12; ++i) {
    const DocumentId id = add_document({.title = "第" + std::to_string(i) + "号文件"});
    documents.insert(std::string(kBase) + "/documents/" + std::to_string(id.value));
  }
  const http::Request req = request("/sitemap.xml");
  const auto whole =
      locs(parse_xml(web::sitemap_response(*ctx_, req, 0, 1'000'000).body).get_child("urlset"));
  ASSERT_GT(whole.size(), 40u);

  constexpr size_t kPerFile = 10;
  http::Response index = web::sitemap_response(*ctx_, req, 0, kPerFile);
  ASSERT_EQ(index.status, 200);
  const auto parts = children(parse_xml(index.body).get_child("sitemapindex"), "sitemap");
  ASSERT_EQ(parts.size(), (whole.size() + kPerFile - 1) / kPerFile);
  std::set<std::string> seen;
  size_t counted = 0;
  for (size_t n = 1; n <= parts.size(); ++n) {
    EXPECT_EQ(parts[n - 1].get<std::string>("loc"),
              std::string(kBase) + "/sitemap-" + std::to_string(n) + ".xml");
    const auto part = locs(
        parse_xml(web::sitemap_response(*ctx_, req, static_cast<int>(n), kPerFile).body).get_child("urlset"));
    EXPECT_LE(part.size(), kPerFile);
    counted += part.size();
    seen.insert(part.begin(), part.end());
  }
  EXPECT_EQ(counted, whole.size()) << "no URL appears in two parts";
  EXPECT_EQ(seen, whole);
  for (const auto& d : documents) EXPECT_TRUE(seen.contains(d)) << d;
  EXPECT_EQ(web::sitemap_response(*ctx_, req, static_cast<int>(parts.size()) + 1, kPerFile).status, 404);
}

// ---- JSON API -----------------------------------------------------------------------------------

TEST_F(MachineSurfacesTest, ApiListsPublicDocumentsWithTotalAndPaging) {
  add_document({.title = "甲文件"});
  add_document({.title = "乙文件"});
  const DocumentId third = add_document({.title = "丙文件", .department = "hdz"});
  add_document({.title = "草稿", .publish = false});

  json::value first = fetch_json("/api/v1/documents?per_page=2&sort=title");
  EXPECT_EQ(first.at("total").as_int64(), 3);
  EXPECT_EQ(first.at("page").as_int64(), 1);
  EXPECT_EQ(first.at("per_page").as_int64(), 2);
  ASSERT_EQ(first.at("items").as_array().size(), 2u);

  json::value second = fetch_json("/api/v1/documents?per_page=2&sort=title&page=2");
  ASSERT_EQ(second.at("items").as_array().size(), 1u);
  json::value past = fetch_json("/api/v1/documents?per_page=2&page=9");
  EXPECT_EQ(past.at("total").as_int64(), 3);
  EXPECT_TRUE(past.at("items").as_array().empty());

  json::value hdz = fetch_json("/api/v1/documents?department=hdz");
  ASSERT_EQ(hdz.at("items").as_array().size(), 1u);
  const json::object& item = hdz.at("items").as_array()[0].as_object();
  EXPECT_EQ(item.at("id").as_int64(), third.value);
  EXPECT_EQ(item.at("title").as_string(), "丙文件");
  EXPECT_EQ(item.at("url").as_string(), std::string(kBase) + "/documents/" + std::to_string(third.value));
  EXPECT_TRUE(item.at("doc_number").is_null());
  EXPECT_EQ(item.at("validity").as_string(), "in_force");
  EXPECT_FALSE(item.at("index_number").as_string().empty());
  EXPECT_EQ(item.at("published").as_string(), "2024-10-01");
  EXPECT_EQ(item.at("department").at("code").as_string(), "hdz");
  EXPECT_EQ(item.at("department").at("name").as_string(), "横店镇人民政府");
  EXPECT_EQ(item.at("issuers").as_array().size(), 1u);

  json::value q = fetch_json("/api/v1/documents?q=%E4%B9%99");  // 乙
  ASSERT_EQ(q.at("total").as_int64(), 1);
  EXPECT_EQ(q.at("items").as_array()[0].at("title").as_string(), "乙文件");
}

TEST_F(MachineSurfacesTest, ApiFiltersOnDerivedValidity) {
  add_document({.title = "现行文件"});
  const DocumentId future = add_document({.title = "明年施行的文件", .effective_on = "2025-01-01"});
  json::value pending = fetch_json("/api/v1/documents?validity=not_yet_in_force");
  ASSERT_EQ(pending.at("total").as_int64(), 1);
  EXPECT_EQ(pending.at("items").as_array()[0].at("id").as_int64(), future.value);
  EXPECT_EQ(pending.at("items").as_array()[0].at("validity").as_string(), "not_yet_in_force");
  json::value in_force = fetch_json("/api/v1/documents?validity=in_force");
  ASSERT_EQ(in_force.at("total").as_int64(), 1);
  EXPECT_EQ(in_force.at("items").as_array()[0].at("title").as_string(), "现行文件");
}

TEST_F(MachineSurfacesTest, ApiRejectsBadParametersWithFieldErrors) {
  json::value v = fetch_json("/api/v1/documents?per_page=1000&validity=bogus&department=nope", 400);
  const json::object& err = v.at("error").as_object();
  EXPECT_EQ(err.at("code").as_string(), "invalid_argument");
  EXPECT_FALSE(err.at("message").as_string().empty());
  std::set<std::string> fields;
  for (const auto& f : err.at("fields").as_array()) {
    fields.insert(std::string(f.at("field").as_string()));
    EXPECT_FALSE(f.at("message").as_string().empty());
  }
  EXPECT_EQ(fields, (std::set<std::string>{"per_page", "validity", "department"}));
}

TEST_F(MachineSurfacesTest, ApiDocumentCarriesMetadataBodyValidityAndRelations) {
  const DocumentId old_id = add_document({.title = "原办法"});
  const DocumentId draft = add_document({.title = "未公开的修改", .publish = false});
  const DocumentId amending =
      add_document({.title = "修改决定", .relations = {{documents::RelationKind::kAmends, old_id}}});
  (void)draft;

  json::value v = fetch_json("/api/v1/documents/" + std::to_string(old_id.value));
  const json::object& d = v.as_object();
  EXPECT_EQ(d.at("id").as_int64(), old_id.value);
  EXPECT_EQ(d.at("title").as_string(), "原办法");
  EXPECT_EQ(d.at("body_html").as_string(), "<p>原办法的正文。</p>");
  EXPECT_EQ(d.at("department").at("code").as_string(), "czj");
  EXPECT_EQ(d.at("topic").at("key").as_string(), "finance");
  EXPECT_EQ(d.at("published").as_string(), "2024-10-01");
  EXPECT_EQ(d.at("summary").as_string(), "内容概述");
  EXPECT_TRUE(d.at("doc_number").is_null());
  const json::object& validity = d.at("validity").as_object();
  for (const char* key : {"status", "label", "since", "expires", "successor", "explanation"})
    EXPECT_TRUE(validity.contains(key)) << key;
  const json::array& relations = d.at("relations").as_array();
  ASSERT_EQ(relations.size(), 1u);
  EXPECT_EQ(relations[0].at("direction").as_string(), "incoming");
  EXPECT_EQ(relations[0].at("kind").as_string(), "amends");
  EXPECT_EQ(relations[0].at("document").at("id").as_int64(), amending.value);
  EXPECT_EQ(relations[0].at("document").at("url").as_string(),
            std::string(kBase) + "/documents/" + std::to_string(amending.value));

  json::value a = fetch_json("/api/v1/documents/" + std::to_string(amending.value));
  ASSERT_EQ(a.at("relations").as_array().size(), 1u);
  EXPECT_EQ(a.at("relations").as_array()[0].at("direction").as_string(), "outgoing");
}

TEST_F(MachineSurfacesTest, ApiAnswersNotFoundInJsonForDraftsAndUnknownPaths) {
  const DocumentId draft = add_document({.title = "草稿", .publish = false});
  for (const std::string& target :
       {"/api/v1/documents/" + std::to_string(draft.value), std::string("/api/v1/documents/999999"),
        std::string("/api/v1/documents/abc"), std::string("/api/v2/anything")}) {
    json::value v = fetch_json(target, 404);
    EXPECT_EQ(v.at("error").at("code").as_string(), "not_found") << target;
    EXPECT_TRUE(v.at("error").at("fields").as_array().empty());
  }
}

TEST_F(MachineSurfacesTest, OpenApiDocumentDescribesTheApi) {
  http::Response res = fetch("/static/openapi.json");
  ASSERT_EQ(res.status, 200);
  boost::system::error_code ec;
  json::value spec = json::parse(res.body, ec);
  ASSERT_FALSE(ec);
  EXPECT_TRUE(spec.at("openapi").as_string().starts_with("3.0"));
  const json::object& paths = spec.at("paths").as_object();
  EXPECT_TRUE(paths.contains("/api/v1/documents"));
  EXPECT_TRUE(paths.contains("/api/v1/documents/{id}"));
  EXPECT_TRUE(paths.contains("/api/v1/search"));
  EXPECT_TRUE(paths.contains("/api/v1/search/suggest"));
  EXPECT_TRUE(spec.at("components").at("schemas").as_object().contains("Error"));
}

// ---- XLSX ---------------------------------------------------------------------------------------

TEST_F(MachineSurfacesTest, XlsxExportIsAWorkbookWithDatesAndLinks) {
  const DocumentId id = add_document({.title = "财政专项资金管理办法", .effective_on = "2024-11-01"});
  add_document({.title = "横店镇公告", .department = "hdz"});

  http::Response res = fetch("/documents.xlsx?department=czj");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.headers.get("Content-Type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(res.headers.get("Content-Disposition"),
            "attachment; filename=\"documents-2024-10-01.xlsx\"; "
            "filename*=UTF-8''%E6%94%BF%E5%BA%9C%E6%96%87%E4%BB%B6-2024-10-01.xlsx");
  EXPECT_FALSE(res.headers.contains("X-Export-Truncated"));
  ASSERT_TRUE(res.body.starts_with("PK"));

  auto files = unzip(res.body);
  ASSERT_TRUE(files.contains("xl/worksheets/sheet1.xml"));
  ASSERT_TRUE(files.contains("xl/sharedStrings.xml"));
  EXPECT_TRUE(contains(files["xl/workbook.xml"], "name=\"政府文件\""));
  const std::string& strings = files["xl/sharedStrings.xml"];
  EXPECT_TRUE(contains(strings, "财政专项资金管理办法"));
  EXPECT_TRUE(contains(strings, "索引号"));
  EXPECT_FALSE(contains(strings, "横店镇公告")) << "the filter applies";
  const std::string& sheet = files["xl/worksheets/sheet1.xml"];
  // 发布日期 (F2) and 施行日期 (G2) are date serials (days since 1899-12-30) with a date style.
  const int64_t published_serial = Date::from_ymd(2024, 10, 1)->days() + 25569;
  const int64_t effective_serial = Date::from_ymd(2024, 11, 1)->days() + 25569;
  EXPECT_TRUE(contains(sheet, "<v>" + std::to_string(published_serial) + "</v>")) << sheet;
  EXPECT_TRUE(contains(sheet, "<v>" + std::to_string(effective_serial) + "</v>"));
  const size_t f2 = sheet.find("r=\"F2\"");
  ASSERT_NE(f2, std::string::npos);
  EXPECT_FALSE(sheet.substr(f2, sheet.find('>', f2) - f2).find("t=\"s\"") != std::string::npos)
      << "a number, not text";
  EXPECT_TRUE(contains(sheet, "<hyperlink ref=\"I2\""));
  EXPECT_TRUE(contains(files["xl/worksheets/_rels/sheet1.xml.rels"],
                       std::string(kBase) + "/documents/" + std::to_string(id.value)));
  EXPECT_TRUE(contains(files["xl/styles.xml"], "formatCode=\"yyyy-mm-dd\""));
  EXPECT_TRUE(contains(sheet, "<autoFilter"));

  EXPECT_EQ(fetch("/documents.xlsx?validity=bogus").status, 400);
}

TEST_F(MachineSurfacesTest, XlsxExportCapsRowsSaysSoAndNeverWritesFormulas) {
  std::vector<documents::DocumentListItem> items(web::kMaxXlsxRows + 5);
  for (size_t i = 0; i < items.size(); ++i) {
    items[i].document.id = DocumentId(static_cast<int64_t>(i + 1));
    items[i].document.title = i == 0 ? "=HYPERLINK(\"http://evil.example\")" : "文件" + std::to_string(i);
  }
  auto bytes = web::documents_workbook(items, 12345, kBase, "东阳市人民政府");
  ASSERT_TRUE(bytes) << bytes.error().to_string();
  auto files = unzip(*bytes);
  const std::string& sheet = files["xl/worksheets/sheet1.xml"];
  EXPECT_TRUE(contains(sheet, "r=\"B10001\"")) << "header + 10,000 rows";
  EXPECT_FALSE(contains(sheet, "r=\"B10002\""));
  EXPECT_FALSE(contains(sheet, "<f>")) << "text is stored as text";
  EXPECT_TRUE(contains(files["xl/sharedStrings.xml"], "仅导出前 10000 条，共 12345 条符合条件"));
  EXPECT_TRUE(contains(files["xl/sharedStrings.xml"], "<t>=HYPERLINK(\"http://evil.example\")</t>"));
}

}  // namespace
}  // namespace gk::web_test
