// Site-wide search (一网可查) as visitors and staff meet it: the search box in the portal header,
// the /search result page (highlighting, facets, filters, sort, paging, bad input), the JSON API
// (/api/v1/search and /suggest) and the back-office vocabulary page (/admin/search). Every request
// goes through the real router and middleware; the SearchService is the real engine over a
// temporary index fed by the document library (DocumentSearchSource) on SQLite.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "http/form.h"
#include "web_fixture.h"

namespace gk::web_test {
namespace {

namespace json = boost::json;
using accounts::Principal;
using accounts::Role;
using documents::WorkflowAction;

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

size_t count(std::string_view haystack, std::string_view needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string_view::npos; at = haystack.find(needle, at + 1))
    ++n;
  return n;
}

std::string enc(std::string_view s) { return http::url_encode(s); }

class SearchPagesTest : public WebFixture {
 protected:
  void SetUp() override {
    WebFixture::SetUp();
    if (HasFatalFailure()) return;
    auto depts = accounts_->list_departments(nullptr);
    ASSERT_TRUE(depts);
    for (const auto& d : *depts) ids_[d.code] = d.id;
    enable_search();
    if (HasFatalFailure()) return;

    notice_ = publish(
        "sfb", draft("东阳市人民政府办公室关于加强财政专项资金管理的通知", "东政办发〔2024〕12号", "notice",
                     "finance", "<p>为加强财政专项资金管理，提高资金使用效益，现就有关事项通知如下。</p>"));
    measures_ = publish("czj", draft("东阳市政府采购管理办法", "东财〔2024〕5号", "measures", "finance",
                                     "<p>第一条 为规范政府采购行为，加强财政资金监督，制定本办法。</p>"));
    flood_ = publish("hdz", draft("横店镇人民政府关于做好防汛工作的通知", "", "notice", "agriculture",
                                  "<p>各村（社区）：汛期将至，请做好防汛准备工作。</p>"));
    // A draft mentioning the same words must never be found.
    auto hidden = documents_->create(
        staff(990, "czj", {Role::kEditor}),
        draft("起草中的财政资金绩效评价办法", "", "measures", "finance", "<p>财政资金绩效评价。</p>"), ctx_);
    ASSERT_TRUE(hidden) << hidden.error().to_string();
    reindex_search();
  }

  Principal staff(int64_t user, const std::string& dept, std::vector<Role> roles) {
    Principal p;
    p.kind = Principal::Kind::kStaff;
    p.user = UserId(user);
    p.display_name = "staff" + std::to_string(user);
    p.department = ids_.at(dept);
    p.department_name = dept;
    p.roles = std::move(roles);
    return p;
  }

  static documents::DocumentDraft draft(std::string title, std::string doc_number, std::string genre,
                                        std::string topic, std::string body) {
    documents::DocumentDraft d;
    d.title = std::move(title);
    d.doc_number = std::move(doc_number);
    d.formed_on = "2024-09-20";
    d.genre = std::move(genre);
    d.topic = std::move(topic);
    d.summary = "概述";
    d.body_html = std::move(body);
    return d;
  }

  int version_of(DocumentId id) { return documents_->get(Principal::system(), id)->document.version; }

  DocumentId publish(const std::string& dept, const documents::DocumentDraft& d) {
    const Principal editor = staff(900 + next_++, dept, {Role::kEditor});
    const Principal reviewer = staff(900 + next_++, dept, {Role::kReviewer});
    auto id = documents_->create(editor, d, ctx_);
    EXPECT_TRUE(id) << id.error().to_string();
    if (!id) return DocumentId();
    EXPECT_TRUE(documents_->act(editor, *id, version_of(*id), WorkflowAction::kSubmit, "", ctx_));
    EXPECT_TRUE(documents_->act(reviewer, *id, version_of(*id), WorkflowAction::kApprove, "", ctx_));
    auto st = documents_->publish(reviewer, *id, version_of(*id), std::nullopt, ctx_);
    EXPECT_TRUE(st) << st.error().to_string();
    return *id;
  }

  json::value fetch_json(const std::string& target, int expected_status = 200) {
    Client c;
    http::Response res = get(c, target);
    EXPECT_EQ(res.status, expected_status) << target << "\n" << res.body;
    EXPECT_EQ(res.headers.get("Content-Type"), "application/json; charset=utf-8") << target;
    boost::system::error_code ec;
    json::value v = json::parse(res.body, ec);
    EXPECT_FALSE(ec) << res.body;
    return v;
  }

  // Dispatches a GET whose decoded query holds `query` as is — what the router would see if the
  // transport let bytes through that are not UTF-8 (it refuses them; handlers check again).
  http::Response get_raw_query(const std::string& path,
                               std::vector<std::pair<std::string, std::string>> query) {
    http::Request req;
    req.method = "GET";
    req.target = path + "?q=x";
    req.path = path;
    req.query = std::move(query);
    req.remote_ip = "127.0.0.1";
    req.request_id = "test-request";
    return router_->dispatch(req);
  }

  // The id in the first "/admin/search/entries/<id>/delete" form after `marker` on `page`.
  static std::string entry_id_after(const std::string& page, std::string_view marker) {
    const size_t at = page.find(marker);
    if (at == std::string::npos) return "";
    const std::string prefix = "/admin/search/entries/";
    const size_t start = page.find(prefix, at);
    if (start == std::string::npos) return "";
    const size_t end = page.find('/', start + prefix.size());
    return page.substr(start + prefix.size(), end - start - prefix.size());
  }

  std::map<std::string, DepartmentId> ids_;
  RequestContext ctx_{"setup", "", ""};
  int next_ = 0;
  DocumentId notice_, measures_, flood_;
};

TEST_F(SearchPagesTest, ResultPageShowsHighlightedHitsWithTheirMetadataAndFacets) {
  Client c;
  http::Response res = get(c, "/search?q=" + enc("财政"));
  ASSERT_EQ(res.status, 200) << res.body;
  const std::string& b = res.body;
  EXPECT_TRUE(contains(b, "<title>“财政”的搜索结果 - ")) << "the query is in the title";
  EXPECT_TRUE(contains(b, "共找到 <strong>2</strong> 条"));
  EXPECT_TRUE(contains(b, "<em>财政</em>")) << "query terms are highlighted";
  EXPECT_TRUE(contains(b, "href=\"/documents/" + std::to_string(notice_.value) + "\""));
  EXPECT_TRUE(contains(b, "href=\"/documents/" + std::to_string(measures_.value) + "\""));
  EXPECT_FALSE(contains(b, "绩效评价")) << "drafts are not searchable";
  EXPECT_FALSE(contains(b, "防汛"));
  // Meta line: 文号, department, date, validity badge.
  EXPECT_TRUE(contains(b, "东政办发〔2024〕12号"));
  EXPECT_TRUE(contains(b, "东阳市财政局"));
  EXPECT_TRUE(contains(b, "<time datetime=\"2024-10-01\">"));
  EXPECT_TRUE(contains(b, "class=\"tag validity-in_force\""));
  // The query box is prefilled; facets are links with counts that add a filter.
  EXPECT_TRUE(contains(b, "id=\"search-q\" type=\"search\" name=\"q\" value=\"财政\""));
  for (const char* facet : {"类型", "部门", "年份", "时效性", "主题", "文种"})
    EXPECT_TRUE(contains(b, std::string(">") + facet + "</h3>")) << facet;
  EXPECT_TRUE(contains(b, "href=\"/search?q=" + enc("财政") + "&amp;department=czj\""));
  EXPECT_TRUE(contains(b, "href=\"/search?q=" + enc("财政") + "&amp;year=2024\""));
  EXPECT_TRUE(contains(b, "<span class=\"facet-count\">(1)</span>"));
  EXPECT_TRUE(contains(b, "<span class=\"facet-count\">(2)</span>"));
  // Sort toggle: relevance is current, the date link keeps the query.
  EXPECT_TRUE(contains(b, "href=\"/search?q=" + enc("财政") + "&amp;sort=date\""));
  // The results page has its own box: the header box is left out.
  EXPECT_EQ(count(b, "role=\"search\""), 1u);
}

TEST_F(SearchPagesTest, AFacetFilterNarrowsTheResultsAndShowsARemovableChip) {
  Client c;
  http::Response res = get(c, "/search?q=" + enc("财政") + "&department=czj&sort=date");
  ASSERT_EQ(res.status, 200) << res.body;
  const std::string& b = res.body;
  EXPECT_TRUE(contains(b, "共找到 <strong>1</strong> 条符合筛选条件的结果"));
  EXPECT_TRUE(contains(b, "/documents/" + std::to_string(measures_.value)));
  EXPECT_FALSE(contains(b, "/documents/" + std::to_string(notice_.value) + "\""));
  // The chip removes the department and keeps the query and the sort.
  EXPECT_TRUE(
      contains(b, "class=\"chip\" href=\"/search?q=" + enc("财政") + "&amp;sort=date\">部门：东阳市财政局"));
  // The active facet value is marked and its link removes it too.
  EXPECT_TRUE(contains(b, "class=\"active\" aria-current=\"true\""));
  EXPECT_TRUE(contains(b, "aria-current=\"true\" class=\"current\">发布日期"));

  http::Response genre = get(c, "/search?q=" + enc("通知") + "&genre=notice&department=hdz");
  ASSERT_EQ(genre.status, 200);
  EXPECT_TRUE(contains(genre.body, "共找到 <strong>1</strong> 条"));
  EXPECT_TRUE(contains(genre.body, "/documents/" + std::to_string(flood_.value)));

  http::Response none = get(c, "/search?q=" + enc("财政") + "&department=hdz");
  ASSERT_EQ(none.status, 200);
  EXPECT_TRUE(contains(none.body, "共找到 <strong>0</strong> 条"));
  EXPECT_TRUE(contains(none.body, "没有找到与“财政”相关的信息"));
  EXPECT_TRUE(contains(none.body, "清除全部条件"));
}

TEST_F(SearchPagesTest, PagingUsesThePagerAndAPageBeyondTheEndIsAFriendlyEmptyPage) {
  Client c;
  http::Response first = get(c, "/search?q=" + enc("财政") + "&per_page=1");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(count(first.body, "class=\"hit\""), 1u);
  EXPECT_TRUE(contains(first.body, "第 1 / 2 页"));
  EXPECT_TRUE(
      contains(first.body, "href=\"/search?q=" + enc("财政") + "&amp;per_page=1&amp;page=2\" rel=\"next\""));

  http::Response beyond = get(c, "/search?q=" + enc("财政") + "&page=50");
  ASSERT_EQ(beyond.status, 200) << beyond.body;
  EXPECT_FALSE(contains(beyond.body, "class=\"hit\""));
  EXPECT_TRUE(contains(beyond.body, "第 50 页没有结果：共 2 条，只有 1 页。"));
  EXPECT_TRUE(contains(beyond.body, "<a href=\"/search?q=" + enc("财政") + "\">返回第 1 页</a>"));
}

TEST_F(SearchPagesTest, AMisspeltQueryOffersTheCorrectionAsALink) {
  Client c;
  http::Response res = get(c, "/search?q=" + enc("防讯") + "&sort=date");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_TRUE(
      contains(res.body, "您是不是要找：<a href=\"/search?q=" + enc("防汛") + "&amp;sort=date\">防汛</a>"))
      << res.body;
  json::value v = fetch_json("/api/v1/search?q=" + enc("防讯"));
  EXPECT_EQ(v.at("suggestion").as_string(), "防汛");
}

TEST_F(SearchPagesTest, AnEmptyQueryShowsSearchTipsNotAnError) {
  Client c;
  for (const char* target : {"/search", "/search?q=", "/search?q=%20%20", "/search?q=&department=czj"}) {
    http::Response res = get(c, target);
    ASSERT_EQ(res.status, 200) << target;
    EXPECT_TRUE(contains(res.body, "搜索小贴士")) << target;
    EXPECT_FALSE(contains(res.body, "共找到")) << target;
    EXPECT_TRUE(contains(res.body, "<title>站内搜索 - ")) << target;
  }
}

TEST_F(SearchPagesTest, BadInputIsA400PageWithAChineseMessage) {
  Client c;
  std::string long_query;
  for (int i = 0; i < search::kMaxQueryChars + 1; ++i) long_query += "财";
  http::Response too_long = get(c, "/search?q=" + enc(long_query));
  EXPECT_EQ(too_long.status, 400);
  EXPECT_TRUE(contains(too_long.body, "role=\"alert\"")) << too_long.body;
  EXPECT_TRUE(contains(too_long.body, "<title>搜索条件有误 - "));
  EXPECT_TRUE(contains(too_long.body, "aria-invalid=\"true\""));

  http::Response year = get(c, "/search?q=" + enc("财政") + "&year=abc");
  EXPECT_EQ(year.status, 400);
  EXPECT_TRUE(contains(year.body, "年份应为四位数字"));
  http::Response page = get(c, "/search?q=" + enc("财政") + "&page=x");
  EXPECT_EQ(page.status, 400);
  EXPECT_TRUE(contains(page.body, "页码应为正整数"));

  // Invalid UTF-8: the transport refuses it before any handler …
  EXPECT_FALSE(http::parse_target("/search?q=%FF%FE"));
  // … and the handlers refuse it again, without echoing the bytes back.
  http::Response bytes = get_raw_query("/search", {{"q", "\xFF\xFE"}});
  EXPECT_EQ(bytes.status, 400);
  EXPECT_TRUE(contains(bytes.body, "不是有效的 UTF-8"));
  EXPECT_FALSE(contains(bytes.body, "\xFF\xFE"));
  http::Response api_bytes = get_raw_query("/api/v1/search", {{"q", "\xFF\xFE"}});
  EXPECT_EQ(api_bytes.status, 400);
  EXPECT_TRUE(contains(api_bytes.body, "\"field\":\"q\"")) << api_bytes.body;
}

TEST_F(SearchPagesTest, ApiAnswersTheDocumentedJsonShape) {
  json::value v = fetch_json("/api/v1/search?q=" + enc("财政") + "&department=czj");
  const json::object& o = v.as_object();
  EXPECT_EQ(o.at("query").as_string(), "财政");
  EXPECT_EQ(o.at("total").as_int64(), 1);
  EXPECT_EQ(o.at("page").as_int64(), 1);
  EXPECT_EQ(o.at("per_page").as_int64(), 10);
  EXPECT_TRUE(o.at("suggestion").is_null());
  const json::array& results = o.at("results").as_array();
  ASSERT_EQ(results.size(), 1u);
  const json::object& hit = results[0].as_object();
  EXPECT_EQ(hit.at("id").as_string(), std::to_string(measures_.value));
  EXPECT_EQ(hit.at("type").as_string(), "document");
  EXPECT_EQ(hit.at("title").as_string(), "东阳市政府采购管理办法");
  EXPECT_TRUE(hit.at("url").as_string().ends_with("/documents/" + std::to_string(measures_.value)));
  EXPECT_TRUE(contains(hit.at("snippet").as_string(), "<em>财政</em>"));
  EXPECT_GT(hit.at("score").to_number<double>(), 0.0);
  EXPECT_EQ(hit.at("date").as_string(), "2024-10-01");
  EXPECT_EQ(hit.at("doc_number").as_string(), "东财〔2024〕5号");
  EXPECT_EQ(hit.at("department").as_string(), "东阳市财政局");
  EXPECT_EQ(hit.at("validity").as_string(), "in_force");
  const json::object& facets = o.at("facets").as_object();
  for (const char* key : {"type", "department", "year", "validity", "topic", "genre"})
    EXPECT_TRUE(facets.contains(key)) << key;
  bool found = false;
  for (const auto& f : facets.at("department").as_array()) {
    const json::object& fo = f.as_object();
    if (fo.at("value").as_string() != "czj") continue;
    found = true;
    EXPECT_EQ(fo.at("label").as_string(), "东阳市财政局");
    EXPECT_EQ(fo.at("count").as_int64(), 1);
  }
  EXPECT_TRUE(found) << json::serialize(facets);

  json::value beyond = fetch_json("/api/v1/search?q=" + enc("财政") + "&page=9");
  EXPECT_EQ(beyond.at("total").as_int64(), 2);
  EXPECT_TRUE(beyond.at("results").as_array().empty());
}

TEST_F(SearchPagesTest, ApiErrorsNameTheField) {
  for (auto [target, field] : {std::pair{"/api/v1/search?q=%E8%B4%A2&year=20x4", "year"},
                               std::pair{"/api/v1/search?q=%E8%B4%A2&page=two", "page"},
                               std::pair{"/api/v1/search?q=%E8%B4%A2&per_page=1.5", "per_page"},
                               std::pair{"/api/v1/search?q=", "q"}}) {
    json::value v = fetch_json(target, 400);
    const json::object& err = v.at("error").as_object();
    EXPECT_EQ(err.at("code").as_string(), "invalid_argument") << target;
    ASSERT_FALSE(err.at("fields").as_array().empty()) << target;
    EXPECT_EQ(err.at("fields").as_array()[0].at("field").as_string(), field) << target;
  }
}

TEST_F(SearchPagesTest, SuggestEndpointCompletesAPrefix) {
  json::value v = fetch_json("/api/v1/search/suggest?q=" + enc("东阳市政府采"));
  const json::array& list = v.at("suggestions").as_array();
  ASSERT_FALSE(list.empty()) << json::serialize(v);
  bool title = false;
  for (const auto& s : list) title = title || s.as_string() == "东阳市政府采购管理办法";
  EXPECT_TRUE(title) << json::serialize(v);
  EXPECT_TRUE(fetch_json("/api/v1/search/suggest?q=").at("suggestions").as_array().empty());
  EXPECT_TRUE(fetch_json("/api/v1/search/suggest").at("suggestions").as_array().empty());
}

TEST_F(SearchPagesTest, EveryPortalPageCarriesTheSearchBoxAndItsScript) {
  Client c;
  for (const std::string& target :
       {std::string("/"), "/documents/" + std::to_string(notice_.value), std::string("/no-such-page")}) {
    http::Response res = get(c, target);
    const std::string& b = res.body;
    EXPECT_TRUE(contains(b,
                         "<form class=\"site-search\" role=\"search\" aria-label=\"站内搜索\" method=\"get\" "
                         "action=\"/search\">"))
        << target;
    EXPECT_TRUE(contains(b, "<label for=\"site-search-q\" class=\"visually-hidden\">站内搜索</label>"))
        << target;
    EXPECT_TRUE(contains(b, "name=\"q\"")) << target;
    EXPECT_TRUE(contains(b, "list=\"site-search-suggestions\"")) << target;
    EXPECT_TRUE(contains(b, "<script src=\"/static/js/search.js\" defer></script>")) << target;
  }
  // The script is a same-origin file (the CSP allows no inline script).
  http::Response js = get(c, "/static/js/search.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_TRUE(contains(js.headers.get("Content-Type").value_or(""), "javascript"));
  EXPECT_TRUE(contains(js.body, "/api/v1/search/suggest?q="));
  EXPECT_TRUE(contains(std::string(get(c, "/").headers.get("Content-Security-Policy").value_or("")),
                       "script-src 'self'"));
}

TEST_F(SearchPagesTest, VocabularyPageRequiresAStaffLogin) {
  Client anon;
  http::Response res = get(anon, "/admin/search");
  EXPECT_EQ(res.status, 303);
  EXPECT_EQ(res.headers.get("Location"), "/login?next=%2Fadmin%2Fsearch");
}

TEST_F(SearchPagesTest, StaffAddAndRemoveWordsAndSynonymGroupsThroughTheForms) {
  add_user("search.admin", "检索管理员", "sfb", {Role::kAdmin});
  Client c;
  login(c, "search.admin");
  http::Response page = get(c, "/admin/search");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(contains(page.body, "<h1>检索词库</h1>"));
  EXPECT_TRUE(contains(page.body, "<td id=\"index-documents\">3</td>")) << "three public documents indexed";
  EXPECT_TRUE(contains(page.body, "同步位置"));
  EXPECT_TRUE(contains(page.body, "gongkai search reindex"));
  EXPECT_TRUE(contains(page.body, "href=\"/admin/search\"")) << "linked from the back-office navigation";

  // A query for 抗洪 finds nothing until staff declare it a synonym of 防汛.
  EXPECT_TRUE(contains(get(c, "/search?q=" + enc("抗洪")).body, "共找到 <strong>0</strong> 条"));
  http::Response added =
      post_form(c, "/admin/search", "/admin/search/synonyms", {{"synonyms", "防汛、抗洪"}});
  ASSERT_EQ(added.status, 303) << added.body;
  EXPECT_EQ(added.headers.get("Location"), "/admin/search?done=synonyms");
  http::Response flood = get(c, "/search?q=" + enc("抗洪"));
  EXPECT_TRUE(contains(flood.body, "共找到 <strong>1</strong> 条")) << "synonyms apply to queries at once";
  EXPECT_TRUE(contains(flood.body, "/documents/" + std::to_string(flood_.value)));

  ASSERT_EQ(post_form(c, "/admin/search", "/admin/search/words", {{"word", "专项资金"}}).status, 303);
  page = get(c, "/admin/search?done=word");
  EXPECT_TRUE(contains(page.body, "词语已加入词库"));
  EXPECT_TRUE(contains(page.body, "<td>专项资金</td>"));
  EXPECT_TRUE(contains(page.body, "<span class=\"tag\">防汛</span> <span class=\"tag\">抗洪</span>"));

  // Input errors and duplicates are shown inline, with what was typed.
  http::Response empty = post_form(c, "/admin/search", "/admin/search/words", {{"word", "  "}});
  EXPECT_EQ(empty.status, 400);
  EXPECT_TRUE(contains(empty.body, "请填写词语"));
  EXPECT_TRUE(contains(empty.body, "id=\"word\" name=\"word\""));
  EXPECT_TRUE(contains(empty.body, "aria-invalid=\"true\" aria-describedby=\"word-error\""));
  http::Response lonely = post_form(c, "/admin/search", "/admin/search/synonyms", {{"synonyms", "发改局"}});
  EXPECT_EQ(lonely.status, 400);
  EXPECT_TRUE(contains(lonely.body, "value=\"发改局\""));
  EXPECT_TRUE(contains(lonely.body, "aria-describedby=\"synonyms-error\""));
  http::Response twice = post_form(c, "/admin/search", "/admin/search/words", {{"word", "专项资金"}});
  EXPECT_EQ(twice.status, 409);
  EXPECT_TRUE(contains(twice.body, "role=\"alert\""));

  // Remove the word and the group through their delete buttons.
  const std::string word_id = entry_id_after(page.body, "<td>专项资金</td>");
  ASSERT_FALSE(word_id.empty());
  http::Response removed = post_form(c, "/admin/search", "/admin/search/entries/" + word_id + "/delete", {});
  ASSERT_EQ(removed.status, 303) << removed.body;
  EXPECT_EQ(removed.headers.get("Location"), "/admin/search?done=removed");
  const std::string group_id = entry_id_after(page.body, "<span class=\"tag\">防汛</span>");
  ASSERT_FALSE(group_id.empty());
  ASSERT_EQ(post_form(c, "/admin/search", "/admin/search/entries/" + group_id + "/delete", {}).status, 303);
  page = get(c, "/admin/search");
  EXPECT_FALSE(contains(page.body, "<td>专项资金</td>"));
  EXPECT_FALSE(contains(page.body, "<span class=\"tag\">抗洪</span>"));
  EXPECT_TRUE(contains(get(c, "/search?q=" + enc("抗洪")).body, "共找到 <strong>0</strong> 条"));

  // Removing it again: the entry is gone, said inline.
  http::Response again = post_form(c, "/admin/search", "/admin/search/entries/" + word_id + "/delete", {});
  EXPECT_EQ(again.status, 404);
  EXPECT_TRUE(contains(again.body, "role=\"alert\""));
}

TEST_F(SearchPagesTest, VocabularyPostsWithoutCsrfOrPermissionAreRefused) {
  add_user("search.admin", "检索管理员", "sfb", {Role::kAdmin});
  add_user("czj.editor", "财政信息员", "czj", {Role::kEditor});
  Client admin;
  login(admin, "search.admin");
  http::Response no_token = send(admin, "POST", "/admin/search/words", "word=%E4%B8%93%E9%A1%B9");
  EXPECT_EQ(no_token.status, 403);
  EXPECT_FALSE(contains(get(admin, "/admin/search").body, "<td>专项</td>"));

  // An editor may look but not change: no forms, and a forged POST is a 403 page.
  Client editor;
  login(editor, "czj.editor");
  http::Response page = get(editor, "/admin/search");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_FALSE(contains(page.body, "id=\"word-form\""));
  EXPECT_TRUE(contains(page.body, "您可以查看检索词库"));
  http::Response forged = post_form(editor, "/admin/search", "/admin/search/words", {{"word", "专项"}});
  EXPECT_EQ(forged.status, 403);
  EXPECT_TRUE(contains(forged.body, "无权访问"));
}

// Without the search service wired (composition root still starting it), pages and API say 503.
class SearchUnwiredTest : public WebFixture {};

TEST_F(SearchUnwiredTest, SearchAnswers503WhileTheServiceIsMissing) {
  Client c;
  EXPECT_EQ(get(c, "/search?q=" + enc("财政")).status, 503);
  EXPECT_EQ(get(c, "/api/v1/search?q=" + enc("财政")).status, 503);
  EXPECT_EQ(get(c, "/api/v1/search/suggest?q=" + enc("财政")).status, 503);
  http::Response home = get(c, "/");
  EXPECT_EQ(home.status, 200);
  EXPECT_TRUE(contains(home.body, "role=\"search\"")) << "the box is there; the page behind it says 503";
}

}  // namespace
}  // namespace gk::web_test
