#include "web/document_views.h"

#include <fmt/format.h>

namespace gk::web {

using documents::Validity;

std::string date_or_dash(const std::optional<Date>& d) { return d ? d->to_string() : "—"; }

std::string published_on(const documents::Document& d) {
  return d.published_at ? d.published_at->local_date().to_string() : "—";
}

std::string render_meta(WebContext& ctx, const documents::DocumentView& v) {
  const auto& d = v.document;
  View m;
  m.set("index_number", d.index_number);
  m.set("topic_label", std::string(documents::label_of(documents::topics(), d.topic).value_or("其他")));
  m.set("genre_label", std::string(documents::label_of(documents::genres(), d.genre).value_or("其他")));
  std::string issuers;
  for (const auto& i : d.issuers) issuers += (issuers.empty() ? "" : "、") + i;
  m.set("issuers", issuers);
  m.set("doc_number", d.doc_number.value_or("—"));
  m.set("written_on", date_or_dash(d.written_on));
  m.set("published_on", published_on(d));
  m.set("effective_on", date_or_dash(d.effective_on));
  std::string expires = date_or_dash(d.expires_on);
  if (!d.expires_on && v.validity.expires) expires = v.validity.expires->to_string() + "（有效期届满）";
  m.set("expires_label", expires);
  m.set("validity_label", std::string(documents::validity_label(v.validity.status)));
  m.set("mode_label", std::string(documents::disclosure_mode_label(d.mode)));
  m.set("unified_number", d.unified_number.value_or("—"));
  m.set("summary", d.summary.empty() ? std::string("—") : d.summary);
  return ctx.views.render("document_meta", m).value_or("");
}

View validity_banner(const documents::DocumentView& v) {
  const Validity s = v.validity.status;
  if (s == Validity::kInForce) return View(false);
  View b;
  b.set("kind", std::string(documents::validity_name(s)));
  b.set("label", std::string(documents::validity_label(s)));
  b.set("text", v.validity.explanation);
  if (v.validity.successor) {
    for (const auto& [id, title] : v.related_titles) {
      if (id != *v.validity.successor || title.empty()) continue;
      b.set("successor_url", fmt::format("/documents/{}", id.value));
      b.set("successor_title", title);
      b.set("successor_label", s == Validity::kAmended ? "修改文件" : "新文件");
    }
  }
  return b;
}

View list_row(const documents::DocumentListItem& item) {
  const auto& d = item.document;
  View r;
  r.set("id", std::to_string(d.id.value));
  r.set("index_number", d.index_number);
  r.set("title", d.title);
  r.set("doc_number", d.doc_number.value_or(""));
  std::string issuers;
  for (const auto& i : d.issuers) issuers += (issuers.empty() ? "" : "、") + i;
  r.set("issuers", issuers);
  r.set("published_on", published_on(d));
  r.set("formed_on", d.formed_on.to_string());
  r.set("summary", d.summary);
  r.set("validity", std::string(documents::validity_name(item.validity.status)));
  r.set("validity_label", std::string(documents::validity_label(item.validity.status)));
  return r;
}

std::string render_pager(WebContext& ctx, const std::string& base, int page, int per_page, int64_t total) {
  const int64_t pages = std::max<int64_t>(1, (total + per_page - 1) / per_page);
  if (pages <= 1) return "";
  const std::string sep = base.find('?') == std::string::npos ? "?" : "&";
  View p;
  p.set("page", std::to_string(page));
  p.set("pages", std::to_string(pages));
  if (page > 1) p.set("prev", base + sep + "page=" + std::to_string(page - 1));
  if (page < pages) p.set("next", base + sep + "page=" + std::to_string(page + 1));
  return ctx.views.render("pager", p).value_or("");
}

}  // namespace gk::web
