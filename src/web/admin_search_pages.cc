#include "web/admin_search_pages.h"

#include <charconv>

#include <fmt/format.h>

#include "accounts/permission.h"
#include "core/utf8.h"
#include "web/account_pages.h"
#include "web/pages.h"
#include "web/visitor.h"

namespace gk::web {
namespace {

using accounts::Principal;

bool wired(const WebContext& ctx) { return ctx.search != nullptr && ctx.vocabulary != nullptr; }

Error not_wired() { return Error::unavailable("search or vocabulary service is not configured"); }

// Which form a failed POST came from, with what was typed, so the page can show it again.
struct Submitted {
  std::string_view which;  // "word", "synonyms", "remove"
  const Form* form = nullptr;
  const Error* error = nullptr;
};

// Errors the visitor can fix on the page (bad input, a duplicate, an entry removed meanwhile);
// permission and infrastructure errors get the error page.
bool shown_inline(const Error& e) {
  switch (e.code()) {
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kConflict:
    case ErrorCode::kNotFound:
    case ErrorCode::kFailedPrecondition:
      return true;
    default:
      return false;
  }
}

std::string human_bytes(uint64_t n) {
  if (n < 1024) return fmt::format("{} B", n);
  if (n < 1024 * 1024) return fmt::format("{:.1f} KB", n / 1024.0);
  if (n < 1024ull * 1024 * 1024) return fmt::format("{:.1f} MB", n / (1024.0 * 1024));
  return fmt::format("{:.2f} GB", n / (1024.0 * 1024 * 1024));
}

http::Response vocabulary_page(WebContext& ctx, http::Request& req, const Principal& p, const Submitted& s,
                               std::string flash) {
  auto entries = ctx.vocabulary->entries(p);
  if (!entries) return error_page(ctx, req, entries.error());
  const std::string csrf = visitor_of(req).csrf_token;
  // Everyone in the back office may look; the forms are for those the service lets change it.
  const bool can_manage = static_cast<bool>(accounts::authorize(&p, accounts::Permission::kManageSearch));
  View view;
  view.set("csrf", csrf);
  view.set("can_manage", can_manage);
  View words{View::type::list}, groups{View::type::list};
  for (const auto& e : *entries) {
    View i;
    i.set("id", std::to_string(e.id));
    i.set("text", e.text);
    i.set("created_by", e.created_by);
    i.set("created_at", e.created_at.to_local_display());
    i.set("csrf", csrf);
    i.set("can_manage", can_manage);
    if (e.kind == search::VocabularyKind::kWord) {
      words.push_back(i);
    } else {
      // A stored group separates its members by one space (vocabulary.h).
      View members{View::type::list};
      for (size_t at = 0; at < e.text.size();) {
        size_t end = e.text.find(' ', at);
        if (end == std::string::npos) end = e.text.size();
        if (end > at) members.push_back(View(e.text.substr(at, end - at)));
        at = end + 1;
      }
      i.set("members", members);
      groups.push_back(i);
    }
  }
  view.set("word_count", std::to_string(words.list_value().size()));
  view.set("group_count", std::to_string(groups.list_value().size()));
  view.set("has_words", !words.list_value().empty());
  view.set("has_groups", !groups.list_value().empty());
  view.set("words", words);
  view.set("groups", groups);

  // The index state is informative: when it cannot be read the vocabulary is still shown.
  if (auto st = ctx.search->stats()) {
    View stats;
    stats.set("documents", std::to_string(st->documents));
    stats.set("cursor", std::to_string(st->cursor));
    stats.set("size", human_bytes(st->bytes_on_disk));
    view.set("stats", stats);
  } else {
    view.set("stats_error", "索引状态暂时无法读取：" + st.error().message());
  }

  View word_form, synonyms_form;
  word_form.set("word", s.which == "word" && s.form ? s.form->get("word") : std::string());
  synonyms_form.set("synonyms", s.which == "synonyms" && s.form ? s.form->get("synonyms") : std::string());
  if (s.error) {
    if (s.which == "word")
      put_errors(word_form, *s.error);
    else if (s.which == "synonyms")
      put_errors(synonyms_form, *s.error);
    else
      view.set("remove_error", s.error->message());
  }
  view.set("word_form", word_form);
  view.set("synonyms_form", synonyms_form);
  auto opts = admin_page("检索词库", s.error ? http_status_for(s.error->code()) : 200);
  opts.flash = std::move(flash);
  return render_page(ctx, req, "admin_search", view, opts);
}

// The shared shape of the three POSTs: staff principal, form, one service call, then either the
// page again with the error inline or a redirect (303) to the page with a notice.
template <class Call>
http::Response handle_post(WebContext& ctx, http::Request& req, std::string_view which, std::string_view done,
                           Call call) {
  if (!wired(ctx)) return error_page(ctx, req, not_wired());
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  auto form = read_form(req);
  if (!form) return error_page(ctx, req, form.error());
  Status st = call(*p, *form, request_context(req));
  if (!st) {
    if (!shown_inline(st.error())) return error_page(ctx, req, st.error());
    return vocabulary_page(ctx, req, *p, {which, &*form, &st.error()}, "");
  }
  return http::Response::redirect("/admin/search?done=" + std::string(done));
}

}  // namespace

http::Response admin_search(WebContext& ctx, http::Request& req) {
  if (!wired(ctx)) return error_page(ctx, req, not_wired());
  auto p = require_staff(req);
  if (!p) return error_page(ctx, req, p.error());
  std::string flash;
  if (auto done = req.query_param("done")) {
    if (*done == "word")
      flash = "词语已加入词库，新的搜索立即按此切词。";
    else if (*done == "synonyms")
      flash = "同义词组已加入词库，新的搜索立即生效。";
    else if (*done == "removed")
      flash = "已从词库删除。";
  }
  return vocabulary_page(ctx, req, *p, {}, flash);
}

http::Response admin_search_add_word(WebContext& ctx, http::Request& req) {
  return handle_post(ctx, req, "word", "word",
                     [&](const Principal& p, const Form& f, const RequestContext& rc) -> Status {
                       auto id = ctx.vocabulary->add_word(p, trim(f.get("word")), rc);
                       if (!id) return fail(id.error());
                       return ok();
                     });
}

http::Response admin_search_add_synonyms(WebContext& ctx, http::Request& req) {
  return handle_post(ctx, req, "synonyms", "synonyms",
                     [&](const Principal& p, const Form& f, const RequestContext& rc) -> Status {
                       // The service splits the members (spaces, commas, 、) and checks them.
                       auto id = ctx.vocabulary->add_synonyms(p, {f.get("synonyms")}, rc);
                       if (!id) return fail(id.error());
                       return ok();
                     });
}

http::Response admin_search_remove(WebContext& ctx, http::Request& req) {
  const std::string_view raw = req.param("id");
  int64_t id = 0;
  auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), id);
  if (ec != std::errc() || end != raw.data() + raw.size() || id <= 0) {
    return error_page(ctx, req, Error::not_found("词库条目不存在"));
  }
  return handle_post(ctx, req, "remove", "removed",
                     [&](const Principal& p, const Form&, const RequestContext& rc) {
                       return ctx.vocabulary->remove(p, id, rc);
                     });
}

}  // namespace gk::web
