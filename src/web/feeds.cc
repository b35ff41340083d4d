#include "web/feeds.h"

#include <algorithm>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "http/form.h"
#include "web/pages.h"

namespace gk::web {
namespace {

constexpr std::string_view kFallbackAuthority = "127.0.0.1:8080";
// The date of tag: ids (RFC 4151 §2.1: a day the authority name was held). Fixed forever: changing
// it would change every id and make readers show every entry again.
constexpr std::string_view kTagDate = "2024";
constexpr size_t kExcerptCodePoints = 200;

bool is_host_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'; }

// The Host header, lower-cased, when it is "name[:port]" with a DNS name or IPv4 address; else "".
std::string valid_authority(const http::Request& req) {
  auto h = req.headers.get("Host");
  if (!h || h->empty() || h->size() > 253 + 6) return "";
  std::string host(*h);
  for (char& c : host)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  const size_t colon = host.find(':');
  const std::string_view name = std::string_view(host).substr(0, colon);
  if (name.empty() || name.size() > 253 || name.front() == '.' || name.front() == '-') return "";
  if (!std::all_of(name.begin(), name.end(), is_host_char)) return "";
  if (colon != std::string::npos) {
    const std::string_view port = std::string_view(host).substr(colon + 1);
    if (port.empty() || port.size() > 5 ||
        !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return "";
    }
  }
  return host;
}

// The first `n` code points of UTF-8 `s`, with "…" when cut.
std::string excerpt(std::string_view s, size_t n) {
  size_t count = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;  // continuation byte
    if (count++ == n) return std::string(s.substr(0, i)) + "…";
  }
  return std::string(s);
}

std::string collapse_space(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

struct FeedSpec {
  std::string title;
  std::string subtitle;
  std::string self_path;       // "/feeds/documents.atom"
  std::string alternate_path;  // the HTML page the feed mirrors
  std::string tag_specific;    // "feed/documents"
  std::string author;          // the publishing body of the feed as a whole
};

std::string entry_xml(const std::string& base, const std::string& host,
                      const documents::DocumentListItem& item, const std::string& department_name) {
  const auto& d = item.document;
  const std::string url = fmt::format("{}/documents/{}", base, d.id.value);
  Instant updated = d.updated_at;
  if (d.published_at && *d.published_at > updated) updated = *d.published_at;  // scheduled publication
  std::string out = "  <entry>\n";
  out += fmt::format("    <id>tag:{},{}:document/{}</id>\n", xml_escape(host), kTagDate, d.id.value);
  out += "    <title type=\"text\">" + xml_escape(d.title) + "</title>\n";
  out += "    <link rel=\"alternate\" type=\"text/html\" href=\"" + xml_escape(url) + "\"/>\n";
  if (d.published_at) out += "    <published>" + d.published_at->to_string() + "</published>\n";
  out += "    <updated>" + updated.to_string() + "</updated>\n";
  std::vector<std::string> authors = d.issuers;
  if (authors.empty() && !department_name.empty()) authors.push_back(department_name);
  for (const auto& a : authors) out += "    <author><name>" + xml_escape(a) + "</name></author>\n";
  const auto topic_label = documents::label_of(documents::topics(), d.topic);
  out += "    <category term=\"" + xml_escape(d.topic) + "\"" +
         (topic_label ? " label=\"" + xml_escape(*topic_label) + "\"" : std::string()) + "/>\n";
  std::string summary = d.summary;
  if (summary.empty()) summary = excerpt(collapse_space(d.body_text), kExcerptCodePoints);
  if (!summary.empty()) out += "    <summary type=\"text\">" + xml_escape(summary) + "</summary>\n";
  out += "  </entry>\n";
  return out;
}

http::Response render_feed(WebContext& ctx, const http::Request& req, const FeedSpec& spec,
                           const documents::DocumentPage& page,
                           const std::map<int64_t, std::string>& dept_names) {
  const std::string base = public_base_url(req);
  const std::string host = public_host(req);
  // The feed changed when its newest entry did; an empty feed uses the current time (RFC 4287
  // requires <updated>).
  std::optional<Instant> updated;
  for (const auto& item : page.items) {
    Instant u = item.document.updated_at;
    if (item.document.published_at && *item.document.published_at > u) u = *item.document.published_at;
    if (!updated || u > *updated) updated = u;
  }
  std::string out =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" "
      "xml:lang=\"zh-CN\">\n";
  out += fmt::format("  <id>tag:{},{}:{}</id>\n", xml_escape(host), kTagDate, xml_escape(spec.tag_specific));
  out += "  <title type=\"text\">" + xml_escape(spec.title) + "</title>\n";
  if (!spec.subtitle.empty())
    out += "  <subtitle type=\"text\">" + xml_escape(spec.subtitle) + "</subtitle>\n";
  out += "  <updated>" + updated.value_or(ctx.clock.now()).to_string() + "</updated>\n";
  out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"" + xml_escape(base + spec.self_path) +
         "\"/>\n";
  out += "  <link rel=\"alternate\" type=\"text/html\" href=\"" + xml_escape(base + spec.alternate_path) +
         "\"/>\n";
  out += "  <author><name>" + xml_escape(spec.author) + "</name><uri>" + xml_escape(base + "/") +
         "</uri></author>\n";
  out += "  <generator>gongkai</generator>\n";
  for (const auto& item : page.items) {
    auto it = dept_names.find(item.document.department.value);
    out += entry_xml(base, host, item, it == dept_names.end() ? std::string() : it->second);
  }
  out += "</feed>\n";
  http::Response res = http::Response::text(std::move(out));
  res.headers.set("Content-Type", std::string(kAtomContentType));
  // Feed readers poll; ten minutes is fresh enough for a disclosure catalogue. "private" because the
  // visitor middleware may attach an anonymous CSRF cookie that a shared cache must not replay.
  res.headers.set("Cache-Control", "private, max-age=600");
  return res;
}

Result<std::map<int64_t, std::string>> department_names(WebContext& ctx,
                                                        std::vector<accounts::Department>* all) {
  GK_TRY_ASSIGN(depts, ctx.accounts.list_departments(nullptr));
  std::map<int64_t, std::string> names;
  for (const auto& d : depts) names[d.id.value] = d.name;
  if (all) *all = std::move(depts);
  return names;
}

}  // namespace

std::string public_base_url(const http::Request& req) {
  std::string authority = valid_authority(req);
  if (authority.empty()) authority = kFallbackAuthority;
  return (req.secure ? "https://" : "http://") + authority;
}

std::string public_host(const http::Request& req) {
  std::string authority = valid_authority(req);
  if (authority.empty()) authority = kFallbackAuthority;
  return authority.substr(0, authority.find(':'));
}



http::Response feed_documents(WebContext& ctx, http::Request& req) {
  documents::DocumentQuery q;
  q.sort = "published_desc";
  q.per_page = kFeedEntries;
  auto page = ctx.documents.list_public(q);
  if (!page) return error_page(ctx, req, page.error());
  auto names = department_names(ctx, nullptr);
  if (!names) return error_page(ctx, req, names.error());
  FeedSpec spec;
  spec.title = ctx.site_title + " · 最新政府文件";
  spec.subtitle = "主动公开的政府信息，按发布时间排列（最新 " + std::to_string(kFeedEntries) + " 件）";
  spec.self_path = "/feeds/documents.atom";
  spec.alternate_path = "/documents";
  spec.tag_specific = "feed/documents";
  spec.author = ctx.site_title;
  return render_feed(ctx, req, spec, *page, *names);
}

http::Response feed_department(WebContext& ctx, http::Request& req) {
  constexpr std::string_view kSuffix = ".atom";
  const std::string_view file = req.param("file");
  if (!file.ends_with(kSuffix) || file.size() == kSuffix.size()) {
    return error_page(ctx, req, Error::not_found("没有找到该订阅源。"));
  }
  const std::string code(file.substr(0, file.size() - kSuffix.size()));
  std::vector<accounts::Department> depts;
  auto names = department_names(ctx, &depts);
  if (!names) return error_page(ctx, req, names.error());
  auto dept =
      std::find_if(depts.begin(), depts.end(), [&](const accounts::Department& d) { return d.code == code; });
  if (dept == depts.end()) return error_page(ctx, req, Error::not_found("没有找到该公开主体。"));

  documents::DocumentQuery q;
  q.department = dept->id;
  q.sort = "published_desc";
  q.per_page = kFeedEntries;
  std::optional<documents::Column> column;
  if (auto key = req.query_param("column"); key && !key->empty()) {
    auto cols = ctx.documents.columns(dept->id);
    if (!cols) return error_page(ctx, req, cols.error());
    for (const auto& c : *cols)
      if (c.key == *key) column = c;
    if (!column) return error_page(ctx, req, Error::not_found("没有找到该栏目。"));
    q.column = column->id;
  }
  auto page = ctx.documents.list_public(q);
  if (!page) return error_page(ctx, req, page.error());

  const std::string code_enc = http::url_encode(dept->code);
  const std::string column_qs = column ? "?column=" + http::url_encode(column->key) : "";
  FeedSpec spec;
  spec.title = dept->name + (column ? " · " + column->name : std::string(" · 政府信息公开"));
  spec.subtitle = dept->name + "主动公开的政府信息（最新 " + std::to_string(kFeedEntries) + " 件）";
  spec.self_path = "/feeds/departments/" + code_enc + ".atom" + column_qs;
  spec.alternate_path = "/departments/" + code_enc + "/disclosure" + column_qs;
  spec.tag_specific = "feed/department/" + code_enc + (column ? "/" + http::url_encode(column->key) : "");
  spec.author = dept->name;
  return render_feed(ctx, req, spec, *page, *names);
}

}  // namespace gk::web
