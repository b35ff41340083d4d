#include "web/api_documents.h"

#include <charconv>
#include <map>
#include <optional>

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <boost/json.hpp>

#include "web/document_pages.h"
#include "web/feeds.h"
#include "web/pages.h"

namespace gk::web {
namespace {

namespace json = boost::json;

using Departments = std::map<int64_t, accounts::Department>;

http::Response json_response(const http::Request& req, const json::value& body, int status = 200) {
  return api_response(req, json::serialize(body), status);
}

json::value optional_string(const std::optional<std::string>& s) {
  return s ? json::value(*s) : json::value(nullptr);
}

json::value optional_date(const std::optional<Date>& d) {
  return d ? json::value(d->to_string()) : json::value(nullptr);
}

// 发布日期 as the portal shows it: the calendar day in China Standard Time.
json::value published_date(const documents::Document& d) {
  return d.published_at ? json::value(d.published_at->local_date().to_string()) : json::value(nullptr);
}

json::value department_json(const Departments& depts, DepartmentId id, const std::string& fallback_name) {
  auto it = depts.find(id.value);
  json::object o;
  o["code"] = it == depts.end() ? json::value(nullptr) : json::value(it->second.code);
  o["name"] = it == depts.end() ? fallback_name : it->second.name;
  return o;
}

json::array issuers_json(const documents::Document& d) {
  json::array a;
  for (const auto& i : d.issuers) a.emplace_back(i);
  return a;
}

json::value term_json(std::span<const documents::Term> terms, const std::string& key) {
  json::object o;
  o["key"] = key;
  auto label = documents::label_of(terms, key);
  o["label"] = label ? json::value(std::string(*label)) : json::value(nullptr);
  return o;
}

Result<Departments> load_departments(WebContext& ctx) {
  GK_TRY_ASSIGN(list, ctx.accounts.list_departments(nullptr));
  Departments out;
  for (auto& d : list) out.emplace(d.id.value, std::move(d));
  return out;
}

std::string document_url(const std::string& base, DocumentId id) {
  return fmt::format("{}/documents/{}", base, id.value);
}

// A link to a related document, or null when that document is not public (no title to show).
json::value related_json(const std::string& base, const documents::DocumentView& v, DocumentId id) {
  for (const auto& [rid, title] : v.related_titles) {
    if (rid != id || title.empty()) continue;
    json::object o;
    o["id"] = id.value;
    o["title"] = title;
    o["url"] = document_url(base, id);
    return o;
  }
  return nullptr;
}

}  // namespace

http::Response api_response(const http::Request& req, std::string json_body, int status) {
  http::Response res = http::Response::json(std::move(json_body), status);
  res.headers.set("Access-Control-Allow-Origin", "*");
  res.headers.set("Link", "<" + public_base_url(req) + "/static/openapi.json>; rel=\"describedby\"");
  // Short freshness for a public catalogue; "private" because the visitor middleware may attach an
  // anonymous CSRF cookie that a shared cache must not replay.
  res.headers.set("Cache-Control", status == 200 ? "private, max-age=60" : "no-store");
  return res;
}

http::Response api_error(const http::Request& req, const Error& e) {
  const int status = http_status_for(e.code());
  std::string message = e.message();
  if (status >= 500) {
    spdlog::error("request {} failed: {}", req.request_id, e.to_string());
    message = status == 503 ? "服务暂时不可用，请稍后再试。" : "服务器处理请求时出错，请稍后再试。";
  }
  json::object err;
  err["code"] = std::string(error_code_name(e.code()));
  err["message"] = message;
  json::array fields;
  for (const auto& f : e.fields()) {
    json::object fo;
    fo["field"] = f.field;
    fo["message"] = f.message;
    fields.push_back(std::move(fo));
  }
  err["fields"] = std::move(fields);
  json::object body;
  body["error"] = std::move(err);
  http::Response res = json_response(req, body, status);
  if (status == 503) res.headers.set("Retry-After", "5");
  return res;
}

http::Response api_documents(WebContext& ctx, http::Request& req) {
  auto q = query_from(ctx, req);
  if (!q) return api_error(req, q.error());
  auto page = ctx.documents.list_public(*q);
  if (!page) return api_error(req, page.error());
  auto depts = load_departments(ctx);
  if (!depts) return api_error(req, depts.error());
  const std::string base = public_base_url(req);

  json::array items;
  for (const auto& item : page->items) {
    const auto& d = item.document;
    json::object o;
    o["id"] = d.id.value;
    o["title"] = d.title;
    o["url"] = document_url(base, d.id);
    o["doc_number"] = optional_string(d.doc_number);
    o["validity"] = std::string(documents::validity_name(item.validity.status));
    o["index_number"] = d.index_number;
    o["published"] = published_date(d);
    o["department"] = department_json(*depts, d.department, item.department_name);
    o["issuers"] = issuers_json(d);
    items.push_back(std::move(o));
  }
  json::object body;
  body["total"] = page->total;
  body["page"] = page->page;
  body["per_page"] = page->per_page;
  body["items"] = std::move(items);
  return json_response(req, body);
}

http::Response api_document(WebContext& ctx, http::Request& req) {
  const std::string_view raw = req.param("id");
  int64_t id = 0;
  auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), id);
  if (ec != std::errc() || p != raw.data() + raw.size() || id <= 0) {
    return api_error(req, Error::not_found("文件不存在"));
  }
  auto v = ctx.documents.get_public(DocumentId(id));
  if (!v) return api_error(req, v.error());
  auto depts = load_departments(ctx);
  if (!depts) return api_error(req, depts.error());
  const std::string base = public_base_url(req);
  const auto& d = v->document;

  json::object o;
  o["id"] = d.id.value;
  o["index_number"] = d.index_number;
  o["title"] = d.title;
  o["url"] = document_url(base, d.id);
  o["doc_number"] = optional_string(d.doc_number);
  o["unified_number"] = optional_string(d.unified_number);
  o["issuers"] = issuers_json(d);
  o["department"] = department_json(*depts, d.department, v->department_name);
  o["written_on"] = optional_date(d.written_on);
  o["effective_on"] = optional_date(d.effective_on);
  o["expires_on"] = optional_date(d.expires_on);
  o["formed_on"] = d.formed_on.to_string();
  o["published"] = published_date(d);
  o["published_at"] = d.published_at ? json::value(d.published_at->to_string()) : json::value(nullptr);
  o["updated_at"] = d.updated_at.to_string();
  o["topic"] = term_json(documents::topics(), d.topic);
  o["genre"] = term_json(documents::genres(), d.genre);
  o["mode"] = std::string(documents::disclosure_mode_name(d.mode));
  o["normative"] = d.normative;
  o["summary"] = d.summary;

  json::object validity;
  validity["status"] = std::string(documents::validity_name(v->validity.status));
  validity["label"] = std::string(documents::validity_label(v->validity.status));
  validity["since"] = optional_date(v->validity.since);
  validity["expires"] = optional_date(v->validity.expires);
  validity["successor"] =
      v->validity.successor ? related_json(base, *v, *v->validity.successor) : json::value(nullptr);
  validity["explanation"] = v->validity.explanation;
  o["validity"] = std::move(validity);

  json::array relations;
  auto add = [&](const documents::Relation& r, bool outgoing) {
    json::object ro;
    ro["direction"] = outgoing ? "outgoing" : "incoming";
    ro["kind"] = std::string(documents::relation_kind_name(r.kind));
    ro["label"] = std::string(documents::relation_kind_label(r.kind));
    ro["effective"] = optional_date(r.from_effective);
    ro["document"] = related_json(base, *v, outgoing ? r.to : r.from);
    relations.push_back(std::move(ro));
  };
  for (const auto& r : v->outgoing) add(r, true);
  for (const auto& r : v->incoming) add(r, false);
  o["relations"] = std::move(relations);
  o["body_html"] = d.body_html;  // sanitised on input (documents/html_sanitizer)
  return json_response(req, o);
}

http::Response api_not_found(WebContext&, http::Request& req) {
  return api_error(req, Error::not_found("没有这个接口，请参阅 /static/openapi.json。"));
}

}  // namespace gk::web
