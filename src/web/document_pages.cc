#include "web/document_pages.h"

#include <charconv>

#include <fmt/format.h>

#include "core/utf8.h"
#include "http/content_disposition.h"
#include "http/form.h"
#include "web/attachment_pages.h"
#include "web/document_views.h"
#include "web/library_pages.h"
#include "web/pages.h"

namespace gk::web {
namespace {

using documents::DocumentQuery;

std::optional<int> to_int(const std::string& s) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

// The query string of `req` without page=, for pager and export links.
std::string query_without_page(const http::Request& req) {
  std::string out;
  for (const auto& [k, v] : req.query) {
    if (k == "page" || v.empty()) continue;
    out += (out.empty() ? "" : "&") + http::url_encode(k) + "=" + http::url_encode(v);
  }
  return out;
}

View options(std::span<const documents::Term> terms, const std::string& selected) {
  View list{View::type::list};
  for (const auto& t : terms) {
    View o;
    o.set("key", std::string(t.key));
    o.set("label", std::string(t.label));
    o.set("selected", t.key == selected);
    list.push_back(o);
  }
  return list;
}

http::Response list_page(WebContext& ctx, http::Request& req, DocumentQuery q, const std::string& heading,
                         const std::string& intro, const std::string& action) {
  auto page = ctx.documents.list_public(q);
  if (!page) return error_page(ctx, req, page.error());
  auto depts = ctx.accounts.list_departments(nullptr);
  if (!depts) return error_page(ctx, req, depts.error());
  View view;
  view.set("heading", heading);
  if (!intro.empty()) view.set("intro", intro);
  view.set("action", action);
  view.set("q", q.title_contains);
  View dl{View::type::list};
  for (const auto& d : *depts) {
    View o;
    o.set("code", d.code);
    o.set("name", d.name);
    o.set("selected", q.department && *q.department == d.id);
    dl.push_back(o);
  }
  view.set("departments", dl);
  view.set("topics", options(documents::topics(), q.topic));
  View years{View::type::list};
  for (int y = ctx.clock.today().year(); y >= 2008; --y) {
    View o;
    o.set("year", std::to_string(y));
    o.set("selected", q.year == y);
    years.push_back(o);
  }
  view.set("years", years);
  static constexpr documents::Term kValidities[] = {
      {"in_force", "现行有效"}, {"amended", "已修改"}, {"repealed", "已废止"}, {"expired", "已失效"},
      {"not_yet_in_force", "尚未施行"}};
  view.set("validities", options(kValidities, q.validity ? std::string(documents::validity_name(*q.validity)) : ""));
  static constexpr documents::Term kSorts[] = {
      {"published_desc", "发布日期（新→旧）"}, {"published_asc", "发布日期（旧→新）"}, {"title", "标题"}};
  view.set("sorts", options(kSorts, q.sort));
  View rows{View::type::list};
  for (const auto& item : page->items) rows.push_back(list_row(item));
  view.set("items", rows);
  view.set("total", std::to_string(page->total));
  const std::string qs = query_without_page(req);
  view.set("csv_url", "/documents.csv" + (qs.empty() ? "" : "?" + qs));
  view.set("xlsx_url", "/documents.xlsx" + (qs.empty() ? "" : "?" + qs));
  view.set("feed_url", "/feeds/documents.atom");
  view.set("pager_html", render_pager(ctx, action + (qs.empty() ? "" : "?" + qs), page->page, page->per_page, page->total));
  PageOptions opts;
  opts.title = heading;
  return render_page(ctx, req, "documents", view, opts);
}

}  // namespace

Result<DocumentQuery> query_from(WebContext& ctx, const http::Request& req) {
  DocumentQuery q;
  std::vector<FieldError> errors;
  std::optional<accounts::Department> dept;
  for (const auto& [k, v] : req.query) {
    if (v.empty()) continue;
    if (k == "department") {
      auto depts = ctx.accounts.list_departments(nullptr);
      if (!depts) return fail(depts.error());
      for (const auto& d : *depts)
        if (d.code == v) dept = d;
      if (!dept) errors.push_back({"department", "未知的公开主体：" + v});
      else q.department = dept->id;
    } else if (k == "topic") {
      if (!documents::is_known(documents::topics(), v)) errors.push_back({"topic", "未知的主题分类"});
      q.topic = v;
    } else if (k == "genre") {
      if (!documents::is_known(documents::genres(), v)) errors.push_back({"genre", "未知的体裁"});
      q.genre = v;
    } else if (k == "year") {
      auto y = to_int(v);
      if (!y || *y < 1949 || *y > 2100) errors.push_back({"year", "年份应为四位数字"});
      else q.year = *y;
    } else if (k == "validity") {
      auto s = documents::parse_validity(v);
      if (!s) errors.push_back({"validity", "有效性取值应为 in_force、amended、repealed、expired 或 not_yet_in_force"});
      else q.validity = *s;
    } else if (k == "normative") {
      q.normative = v == "1" || v == "true";
    } else if (k == "q") {
      if (utf8_length(v) > 100) errors.push_back({"q", "查询词不能超过 100 字"});
      q.title_contains = v;
    } else if (k == "sort") {
      if (v != "published_desc" && v != "published_asc" && v != "title") errors.push_back({"sort", "未知的排序方式"});
      else q.sort = v;
    } else if (k == "page") {
      auto p = to_int(v);
      if (!p || *p < 1 || *p > 100000) errors.push_back({"page", "页码应为正整数"});
      else q.page = *p;
    } else if (k == "per_page") {
      auto p = to_int(v);
      if (!p || *p < 1 || *p > 100) errors.push_back({"per_page", "每页条数应在 1 到 100 之间"});
      else q.per_page = *p;
    }
  }
  if (auto column = req.query_param("column"); column && !column->empty()) {
    if (!dept) {
      errors.push_back({"column", "按栏目筛选时须同时指定公开主体"});
    } else {
      auto cols = ctx.documents.columns(dept->id);
      if (!cols) return fail(cols.error());
      for (const auto& c : *cols)
        if (c.key == *column) q.column = c.id;
      if (!q.column) errors.push_back({"column", "未知的栏目：" + *column});
    }
  }
  if (!errors.empty()) return fail(Error::invalid("查询条件有误", std::move(errors)));
  return q;
}

http::Response portal_documents(WebContext& ctx, http::Request& req) {
  auto q = query_from(ctx, req);
  if (!q) return error_page(ctx, req, q.error());
  return list_page(ctx, req, *q, "政府文件", "", "/documents");
}

http::Response portal_normative(WebContext& ctx, http::Request& req) {
  auto q = query_from(ctx, req);
  if (!q) return error_page(ctx, req, q.error());
  q->normative = true;
  if (!req.query_param("validity")) q->validity = documents::Validity::kInForce;
  return list_page(ctx, req, *q, "现行有效行政规范性文件",
                   "行政规范性文件统一公开，有效性根据施行、失效日期和文件之间的修改、废止关系自动确定。", "/normative");
}

namespace {

Result<DocumentId> id_param(const http::Request& req) {
  auto id = to_int(std::string(req.param("id")));
  if (!id || *id <= 0) return fail(Error::not_found("文件不存在"));
  return DocumentId(*id);
}

View document_view(WebContext& ctx, const documents::DocumentView& v) {
  const auto& d = v.document;
  View view;
  view.set("id", std::to_string(d.id.value));
  view.set("title", d.title);
  if (d.doc_number) view.set("doc_number", *d.doc_number);
  view.set("body_html", d.body_html);  // sanitised on input (documents/html_sanitizer)
  view.set("meta_html", render_meta(ctx, v));
  view.set("banner", validity_banner(v));
  View related{View::type::list};
  auto title_of = [&](DocumentId id) {
    for (const auto& [rid, t] : v.related_titles)
      if (rid == id) return t;
    return std::string();
  };
  for (const auto& r : v.outgoing) {
    View i;
    i.set("relation", "本文件" + std::string(documents::relation_kind_label(r.kind)));
    if (auto t = title_of(r.to); !t.empty()) {
      i.set("url", fmt::format("/documents/{}", r.to.value));
      i.set("title", t);
    }
    related.push_back(i);
  }
  for (const auto& r : v.incoming) {
    View i;
    i.set("relation", std::string("被以下文件") + std::string(documents::relation_kind_label(r.kind)));
    if (auto t = title_of(r.from); !t.empty()) {
      i.set("url", fmt::format("/documents/{}", r.from.value));
      i.set("title", t);
    }
    related.push_back(i);
  }
  view.set("has_related", !related.list_value().empty());
  view.set("related", related);
  view.set("site_title", ctx.site_title);
  view.set("attachments_html", public_attachments_html(ctx, d.id));
  view.set("facts_html", document_facts_html(ctx, d.id));  // plan, budget or service-guide facts, if any
  return view;
}

}  // namespace

http::Response portal_document(WebContext& ctx, http::Request& req) {
  auto id = id_param(req);
  if (!id) return error_page(ctx, req, id.error());
  auto v = ctx.documents.get_public(*id);
  if (!v) return error_page(ctx, req, v.error());
  PageOptions opts;
  opts.title = v->document.title;
  return render_page(ctx, req, "document", document_view(ctx, *v), opts);
}

http::Response portal_document_print(WebContext& ctx, http::Request& req) {
  auto id = id_param(req);
  if (!id) return error_page(ctx, req, id.error());
  auto v = ctx.documents.get_public(*id);
  if (!v) return error_page(ctx, req, v.error());
  View view = document_view(ctx, *v);
  view.set("url", fmt::format("/documents/{}", v->document.id.value));
  auto html = ctx.views.render("document_print", view);
  if (!html) return error_page(ctx, req, html.error());
  return http::Response::html(std::move(*html));
}

http::Response portal_disclosure(WebContext& ctx, http::Request& req) {
  auto depts = ctx.accounts.list_departments(nullptr);
  if (!depts) return error_page(ctx, req, depts.error());
  std::optional<accounts::Department> dept;
  for (const auto& d : *depts)
    if (d.code == req.param("code")) dept = d;
  if (!dept) return error_page(ctx, req, Error::not_found("没有找到该公开主体。"));
  auto cols = ctx.documents.columns(dept->id);
  if (!cols) return error_page(ctx, req, cols.error());
  const std::string current = req.query_param("column").value_or("");
  std::optional<documents::Column> column;
  for (const auto& c : *cols)
    if (c.key == current) column = c;
  if (!current.empty() && !column) return error_page(ctx, req, Error::not_found("没有找到该栏目。"));

  DocumentQuery q;
  q.department = dept->id;
  if (column) q.column = column->id;
  if (auto p = req.query_param("page")) q.page = to_int(*p).value_or(1);
  auto page = ctx.documents.list_public(q);
  if (!page) return error_page(ctx, req, page.error());

  View view;
  view.set("dept_code", dept->code);
  view.set("dept_name", dept->name);
  view.set("current_column", column.has_value());
  view.set("column_name", column ? column->name : std::string("政府信息公开目录"));
  if (column && column->update_cycle_days) view.set("cycle", std::to_string(*column->update_cycle_days));
  View tree{View::type::list};
  for (const auto& c : *cols) {
    if (c.parent) continue;
    View node;
    node.set("key", c.key);
    node.set("name", c.name);
    node.set("current", c.key == current);
    View children{View::type::list};
    for (const auto& ch : *cols) {
      if (ch.parent != c.id) continue;
      View cv;
      cv.set("key", ch.key);
      cv.set("name", ch.name);
      cv.set("current", ch.key == current);
      children.push_back(cv);
    }
    node.set("has_children", !children.list_value().empty());
    node.set("children", children);
    tree.push_back(node);
  }
  view.set("tree", tree);
  View rows{View::type::list};
  for (const auto& item : page->items) rows.push_back(list_row(item));
  view.set("items", rows);
  const std::string base = "/departments/" + dept->code + "/disclosure" + (column ? "?column=" + column->key : "");
  view.set("pager_html", render_pager(ctx, base, page->page, page->per_page, page->total));
  view.set("feed_url", "/feeds/departments/" + dept->code + ".atom" + (column ? "?column=" + column->key : ""));
  PageOptions opts;
  opts.title = dept->name + " 政府信息公开专栏";
  opts.feeds.push_back({dept->name + " · 政府信息公开", "/feeds/departments/" + dept->code + ".atom"});
  if (column) {
    opts.feeds.push_back({dept->name + " · " + column->name,
                          "/feeds/departments/" + dept->code + ".atom?column=" + column->key});
  }
  http::Response res = render_page(ctx, req, "disclosure_column", view, opts);
  return res;
}

http::Response portal_documents_csv(WebContext& ctx, http::Request& req) {
  auto q = query_from(ctx, req);
  if (!q) return error_page(ctx, req, q.error());
  std::string csv = "\xEF\xBB\xBF索引号,标题,文号,发布机构,成文日期,发布日期,施行日期,有效性,链接\r\n";
  q->per_page = 100;
  constexpr int kMaxExportRows = 10000;
  for (q->page = 1; (q->page - 1) * q->per_page < kMaxExportRows; ++q->page) {
    auto page = ctx.documents.list_public(*q);
    if (!page) return error_page(ctx, req, page.error());
    for (const auto& item : page->items) {
      const auto& d = item.document;
      std::string issuers;
      for (const auto& i : d.issuers) issuers += (issuers.empty() ? "" : "、") + i;
      csv += csv_cell(d.index_number) + "," + csv_cell(d.title) + "," + csv_cell(d.doc_number.value_or("")) + "," +
             csv_cell(issuers) + "," + csv_cell(d.written_on ? d.written_on->to_string() : "") + "," +
             csv_cell(published_on(d)) + "," + csv_cell(d.effective_on ? d.effective_on->to_string() : "") + "," +
             csv_cell(documents::validity_label(item.validity.status)) + "," +
             csv_cell(fmt::format("/documents/{}", d.id.value)) + "\r\n";
    }
    if (static_cast<int64_t>(q->page) * q->per_page >= page->total) break;
  }
  http::Response res = http::Response::text(std::move(csv));
  res.headers.set("Content-Type", "text/csv; charset=utf-8");
  res.headers.set("Content-Disposition", http::attachment_disposition("政府文件.csv", "documents.csv"));
  return res;
}

}  // namespace gk::web
