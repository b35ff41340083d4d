#include "documents/document_service.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "accounts/permission.h"
#include "core/utf8.h"
#include "documents/doc_number.h"
#include "documents/html_sanitizer.h"
#include "documents/index_number.h"
#include "documents/workflow.h"

namespace gk::documents {
namespace {

using accounts::Principal;

constexpr size_t kMaxTitleCodePoints = 200;
constexpr size_t kMaxSummaryCodePoints = 2000;
constexpr size_t kMaxBodyBytes = 4 * 1024 * 1024;

std::optional<Date> parse_optional_date(const std::string& s, const char* field, const char* label,
                                        std::vector<FieldError>& errors) {
  const std::string t = trim(s);
  if (t.empty()) return std::nullopt;
  auto d = Date::parse(t);
  if (!d) errors.push_back({field, fmt::format("{}格式应为 YYYY-MM-DD 且为真实日期", label)});
  return d;
}

audit::AuditEvent event(const Principal& who, const Document& d, std::string action, std::string summary,
                        const RequestContext& ctx) {
  audit::AuditEvent e;
  e.actor = who.actor();
  e.department = d.department;
  e.action = std::move(action);
  e.target = fmt::format("document:{}", d.id.value);
  e.summary = std::move(summary);
  e.request_id = ctx.request_id;
  e.ip = ctx.ip;
  return e;
}

std::string json_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) out += fmt::format("\\u{:04x}", c);
        else out += c;
    }
  }
  return out;
}

std::string opt_date_str(const std::optional<Date>& d) { return d ? d->to_string() : ""; }

// The metadata part of a version snapshot (title and body are stored in their own columns).
std::string metadata_json(const Document& d) {
  std::string issuers;
  for (const auto& i : d.issuers) issuers += (issuers.empty() ? "\"" : ", \"") + json_escape(i) + "\"";
  return fmt::format(
      // One field per line so that a line diff of two snapshots reads naturally.
      "{{\n\"index_number\": \"{}\",\n\"doc_number\": \"{}\",\n\"issuers\": [{}],\n\"written_on\": \"{}\",\n"
      "\"effective_on\": \"{}\",\n\"expires_on\": \"{}\",\n\"formed_on\": \"{}\",\n\"topic\": \"{}\",\n\"genre\": \"{}\",\n"
      "\"mode\": \"{}\",\n\"normative\": {},\n\"unified_number\": \"{}\",\n\"summary\": \"{}\",\n\"state\": \"{}\"\n}}",
      json_escape(d.index_number), json_escape(d.doc_number.value_or("")), issuers, opt_date_str(d.written_on),
      opt_date_str(d.effective_on), opt_date_str(d.expires_on), d.formed_on.to_string(), d.topic, d.genre,
      disclosure_mode_name(d.mode), d.normative ? "true" : "false", json_escape(d.unified_number.value_or("")),
      json_escape(d.summary), publication_state_name(d.state));
}

ValidityFacts facts_of(const Document& d) {
  ValidityFacts f;
  f.id = d.id;
  f.title = d.title;
  f.effective = d.effective_on;
  f.expires = d.expires_on;
  if (d.state == PublicationState::kPublished && d.published_at) f.published = d.published_at->local_date();
  f.normative = d.normative;
  return f;
}

}  // namespace

DocumentService::DocumentService(DocumentStore& store, const Clock& clock,
                                 std::function<std::string(DepartmentId)> dept_code)
    : store_(store), clock_(clock), dept_code_(std::move(dept_code)) {}

Result<Document> DocumentService::build(const Principal& who, const DocumentDraft& d, Document base) {
  std::vector<FieldError> errors;
  base.title = trim(d.title);
  if (base.title.empty()) errors.push_back({"title", "请填写标题"});
  else if (utf8_length(base.title) > kMaxTitleCodePoints) errors.push_back({"title", "标题不能超过 200 字"});

  base.doc_number.reset();
  if (!trim(d.doc_number).empty()) {
    auto parsed = parse_doc_number(d.doc_number);
    if (parsed) base.doc_number = parsed->normalized();
    else errors.push_back({"doc_number", parsed.error().message()});
  }

  base.issuers.clear();
  for (const auto& i : d.issuers) {
    const std::string t = trim(i);
    if (!t.empty()) base.issuers.push_back(t);
  }

  base.written_on = parse_optional_date(d.written_on, "written_on", "成文日期", errors);
  base.effective_on = parse_optional_date(d.effective_on, "effective_on", "施行日期", errors);
  base.expires_on = parse_optional_date(d.expires_on, "expires_on", "失效日期", errors);
  auto formed = parse_optional_date(d.formed_on, "formed_on", "形成或变更日期", errors);
  base.formed_on = formed ? *formed : base.written_on.value_or(clock_.today());
  if (base.formed_on > clock_.today()) errors.push_back({"formed_on", "形成或变更日期不能晚于今天"});

  if (!is_known(topics(), d.topic)) errors.push_back({"topic", "请选择主题分类"});
  else base.topic = d.topic;
  if (!is_known(genres(), d.genre)) errors.push_back({"genre", "请选择体裁"});
  else base.genre = d.genre;
  auto mode = parse_disclosure_mode(d.mode);
  if (!mode) errors.push_back({"mode", "请选择公开方式"});
  else base.mode = *mode;
  base.withheld_reason = trim(d.withheld_reason);
  if (mode == DisclosureMode::kNotDisclosed && base.withheld_reason.empty()) {
    errors.push_back({"withheld_reason", "不予公开的文件须说明理由（依据条例第十四至十六条）"});
  }
  base.normative = d.normative;
  base.unified_number.reset();
  if (!trim(d.unified_number).empty()) base.unified_number = trim(d.unified_number);
  base.summary = trim(d.summary);
  if (utf8_length(base.summary) > kMaxSummaryCodePoints) errors.push_back({"summary", "内容概述不能超过 2000 字"});

  if (d.body_html.size() > kMaxBodyBytes) {
    errors.push_back({"body", "正文过长（上限 4 MB），请将附件作为文件上传"});
  } else if (!is_valid_utf8(d.body_html)) {
    errors.push_back({"body", "正文含有无效字符"});
  } else if (Status st = check_body_html(d.body_html); !st) {
    errors.push_back({"body", st.error().fields().empty() ? st.error().message() : st.error().fields()[0].message});
  } else {
    auto clean = sanitize_html(d.body_html);
    if (!clean) errors.push_back({"body", clean.error().message()});
    else {
      base.body_html = clean->html;
      base.body_text = html_to_text(base.body_html);
    }
  }
  base.columns = d.columns;

  ValidityFacts f = facts_of(base);
  if (Status st = validate_facts(f); !st) {
    for (const auto& fe : st.error().fields()) errors.push_back(fe);
    if (st.error().fields().empty()) errors.push_back({"expires_on", st.error().message()});
  }
  (void)who;
  if (!errors.empty()) return fail(Error::invalid("文件信息有误，请修改标记的字段", std::move(errors)));
  return base;
}

Result<DocumentId> DocumentService::create(const Principal& who, const DocumentDraft& draft,
                                           const RequestContext& ctx) {
  if (who.kind != Principal::Kind::kSystem && !who.has_role(accounts::Role::kEditor) &&
      !who.has_role(accounts::Role::kAdmin)) {
    return fail(Error::permission_denied("需要“信息员”角色才能起草文件"));
  }
  Document base;
  base.department = who.department;
  base.state = PublicationState::kDraft;
  base.created_by = who.actor();
  base.created_at = base.updated_at = clock_.now();
  GK_TRY_ASSIGN(doc, build(who, draft, std::move(base)));
  if (doc.issuers.empty()) doc.issuers.push_back(who.department_name);

  DocumentId id;
  // Resolved before the transaction: the lookup may use the database itself.
  const std::string dept_code = dept_code_(doc.department);
  GK_TRY_STATUS(store_.transact([&](DocumentRepository& repo, audit::AuditSink& audit) -> Status {
    GK_TRY_STATUS(check_columns(repo, doc));
    GK_TRY_ASSIGN(pattern, IndexNumberPattern::parse(kDefaultIndexNumberPattern));
    IndexNumberInputs in{dept_code, doc.formed_on.year(), 0, doc.topic};
    GK_TRY_ASSIGN(serial, repo.next_serial(pattern.series_key(in)));
    in.serial = serial;
    doc.index_number = pattern.format(in);
    auto inserted = repo.insert(doc);
    if (!inserted) return fail(explain_conflict(inserted.error()));
    doc.id = *inserted;
    GK_TRY_STATUS(add_relations(repo, doc.id, draft.relations));
    GK_TRY_STATUS(repo.add_version({doc.id, 1, doc.title, doc.body_html, metadata_json(doc), who.actor(),
                                    clock_.now(), "创建"}));
    id = doc.id;
    return audit.append(event(who, doc, "document.create", "起草文件《" + doc.title + "》", ctx));
  }));
  return id;
}

Status DocumentService::update(const Principal& who, DocumentId id, int expected_version, const DocumentDraft& draft,
                               const RequestContext& ctx) {
  return store_.transact([&](DocumentRepository& repo, audit::AuditSink& audit) -> Status {
    GK_TRY_ASSIGN(current, repo.find(id));
    GK_TRY_STATUS(may_take(who, current, WorkflowAction::kEdit));
    GK_TRY_STATUS(next_state(current.state, WorkflowAction::kEdit));
    if (current.version != expected_version) return fail(Error::conflict("该文件已被他人修改，请刷新后重试"));
    GK_TRY_ASSIGN(doc, build(who, draft, current));
    if (doc.issuers.empty()) doc.issuers = current.issuers;
    doc.updated_at = clock_.now();
    GK_TRY_STATUS(check_columns(repo, doc));
    if (Status st = repo.update(doc); !st) return fail(explain_conflict(st.error()));
    GK_TRY_STATUS(add_relations(repo, doc.id, draft.relations));
    GK_TRY_STATUS(repo.add_version({doc.id, current.version + 1, doc.title, doc.body_html, metadata_json(doc),
                                    who.actor(), clock_.now(), "编辑"}));
    return audit.append(event(who, doc, "document.edit", "编辑文件《" + doc.title + "》", ctx));
  });
}

Status DocumentService::act(const Principal& who, DocumentId id, int expected_version, WorkflowAction action,
                            std::string comment, const RequestContext& ctx) {
  if (action == WorkflowAction::kPublish || action == WorkflowAction::kEdit) {
    return fail(Error::invalid("请使用发布或编辑功能"));
  }
  if ((action == WorkflowAction::kReturn || action == WorkflowAction::kWithdraw) && trim(comment).empty()) {
    return fail(Error::invalid_field("comment", action == WorkflowAction::kReturn ? "退回时须填写修改意见"
                                                                                  : "撤回时须说明理由"));
  }
  return transition(who, id, expected_version, action, trim(comment), std::nullopt, ctx);
}

Status DocumentService::publish(const Principal& who, DocumentId id, int expected_version, std::optional<Instant> at,
                                const RequestContext& ctx) {
  const Instant now = clock_.now();
  if (at && *at < now.plus_seconds(-60)) return fail(Error::invalid_field("publish_at", "定时发布时间不能早于现在"));
  return transition(who, id, expected_version, WorkflowAction::kPublish, "", at.value_or(now), ctx);
}

Status DocumentService::transition(const Principal& who, DocumentId id, int expected_version, WorkflowAction action,
                                   std::string comment, std::optional<Instant> publish_at, const RequestContext& ctx) {
  return store_.transact([&](DocumentRepository& repo, audit::AuditSink& audit) -> Status {
    GK_TRY_ASSIGN(doc, repo.find(id));
    GK_TRY_STATUS(may_take(who, doc, action));
    GK_TRY_ASSIGN(to, next_state(doc.state, action));
    if (doc.version != expected_version) return fail(Error::conflict("该文件已被他人修改，请刷新后重试"));
    if (action == WorkflowAction::kPublish) {
      std::vector<std::string> blocking;
      for (const auto& f : run_checks(doc))
        if (f.blocking) blocking.push_back(f.message);
      if (!blocking.empty()) {
        std::string msg = "发布前检查未通过：";
        for (size_t i = 0; i < blocking.size(); ++i) msg += (i ? "；" : "") + blocking[i];
        return fail(Error::failed_precondition(msg));
      }
      doc.published_at = publish_at;
    }
    doc.state = to;
    doc.review_comment = (action == WorkflowAction::kReturn) ? comment : "";
    doc.updated_at = clock_.now();
    GK_TRY_STATUS(repo.update(doc));
    std::string summary = fmt::format("{}《{}》", workflow_action_label(action), doc.title);
    if (action == WorkflowAction::kPublish && publish_at && *publish_at > clock_.now()) {
      summary += "，定时于 " + publish_at->to_local_display() + " 发布";
    }
    if (!comment.empty()) summary += "：" + comment;
    GK_TRY_STATUS(repo.add_version({doc.id, doc.version + 1, doc.title, doc.body_html, metadata_json(doc),
                                    who.actor(), clock_.now(), std::string(workflow_action_label(action))}));
    return audit.append(event(who, doc, "document." + std::string(workflow_action_name(action)), summary, ctx));
  });
}

std::vector<CheckFinding> DocumentService::run_checks(const Document& doc) const {
  std::vector<CheckFinding> out;
  if (doc.normative && !doc.unified_number) {
    out.push_back({true, "metadata", "行政规范性文件须填写统一编号"});
  }
  if (doc.normative && !doc.effective_on) out.push_back({true, "metadata", "行政规范性文件须填写施行日期"});
  if (doc.summary.empty()) out.push_back({false, "metadata", "建议填写内容概述（政府信息公开目录要求）"});
  if (doc.body_text.empty()) out.push_back({false, "metadata", "正文为空"});
  for (const auto& check : checks_) {
    for (auto& f : check(doc)) out.push_back(std::move(f));
  }
  return out;
}

Result<std::vector<CheckFinding>> DocumentService::check(const Principal& who, DocumentId id) {
  GK_TRY_ASSIGN(view, get(who, id));
  return run_checks(view.document);
}

Status DocumentService::check_columns(DocumentRepository& repo, const Document& doc) {
  if (doc.columns.empty()) return ok();
  GK_TRY_ASSIGN(own, repo.columns(doc.department));
  GK_TRY_ASSIGN(city, repo.columns(std::nullopt));
  for (ColumnId c : doc.columns) {
    const bool found = std::any_of(own.begin(), own.end(), [&](const Column& x) { return x.id == c; }) ||
                       std::any_of(city.begin(), city.end(), [&](const Column& x) { return x.id == c && !x.department; });
    if (!found) return fail(Error::invalid_field("columns", "所选栏目不属于本单位"));
  }
  return ok();
}

Status DocumentService::add_relations(DocumentRepository& repo, DocumentId from,
                                      const std::vector<std::pair<RelationKind, DocumentId>>& relations) {
  if (relations.empty()) return ok();
  GK_TRY_ASSIGN(ids, repo.all_ids());
  GK_TRY_ASSIGN(existing, repo.all_relations());
  GK_TRY_ASSIGN(graph, RelationGraph::build(ids, existing));
  for (const auto& [kind, to] : relations) {
    Relation r;
    r.from = from;
    r.kind = kind;
    r.to = to;
    // A relation is identified by (from, kind, to); re-saving a draft keeps the ones it has.
    const bool already = std::any_of(existing.begin(), existing.end(), [&](const Relation& e) {
      return e.from == from && e.kind == kind && e.to == to;
    });
    if (already) continue;
    GK_TRY_STATUS(graph.add(r));
    GK_TRY_STATUS(repo.add_relation(r, clock_.now()));
  }
  return ok();
}

Error DocumentService::explain_conflict(const Error& e) {
  if (e.code() != ErrorCode::kConflict) return e;
  const std::string& m = e.message();
  if (m.find("doc_number") != std::string::npos) {
    return Error::invalid_field("doc_number", "该文号已被其他文件使用（同一发文机关同一年度文号不能重复）");
  }
  if (m.find("unified_number") != std::string::npos) {
    return Error::invalid_field("unified_number", "该统一编号已被其他文件使用");
  }
  if (m.find("source_key") != std::string::npos) return Error::conflict("该文件已导入");
  return e;
}

}  // namespace gk::documents

namespace gk::documents {
namespace {

using accounts::Principal;

// Validity of each of `docs` on `today`, from their incoming relations and the acting documents.
Result<std::vector<ValidityState>> validity_of(DocumentRepository& repo, const std::vector<const Document*>& docs,
                                               Date today) {
  std::vector<DocumentId> ids;
  for (const auto* d : docs) ids.push_back(d->id);
  GK_TRY_ASSIGN(relations, repo.relations_of(ids));
  std::vector<DocumentId> actors;
  for (const auto& r : relations) actors.push_back(r.from);
  GK_TRY_ASSIGN(actor_facts, repo.facts(actors));
  std::map<int64_t, ValidityFacts> by_id;
  for (auto& f : actor_facts) by_id[f.id.value] = std::move(f);
  const FactsLookup lookup = [&](DocumentId id) -> const ValidityFacts* {
    auto it = by_id.find(id.value);
    return it == by_id.end() ? nullptr : &it->second;
  };
  std::vector<ValidityState> out;
  for (const auto* d : docs) {
    std::vector<Relation> incoming;
    for (const auto& r : relations)
      if (r.to == d->id) incoming.push_back(r);
    ValidityFacts f;
    f.id = d->id;
    f.title = d->title;
    f.effective = d->effective_on;
    f.expires = d->expires_on;
    if (d->published_at) f.published = d->published_at->local_date();
    f.normative = d->normative;
    out.push_back(validity_on(f, incoming, lookup, today));
  }
  return out;
}

}  // namespace

Result<DocumentView> DocumentService::view_of(DocumentRepository& repo, Document doc) {
  DocumentView v;
  GK_TRY_ASSIGN(states, validity_of(repo, {&doc}, clock_.today()));
  v.validity = states.at(0);
  GK_TRY_ASSIGN(relations, repo.relations_of({doc.id}));
  std::vector<DocumentId> others;
  for (const auto& r : relations) {
    if (r.from == doc.id) v.outgoing.push_back(r), others.push_back(r.to);
    if (r.to == doc.id) v.incoming.push_back(r), others.push_back(r.from);
  }
  GK_TRY_ASSIGN(related, repo.find_many(others));
  const Instant now = clock_.now();
  for (const auto& d : related) {
    // Staff may see drafts of related documents; the public only sees what is public.
    v.related_titles.emplace_back(d.id, d.is_public_at(now) ? d.title : "");
  }
  v.document = std::move(doc);
  return v;
}

Result<DocumentView> DocumentService::get(const Principal& who, DocumentId id) {
  std::optional<DocumentView> out;
  GK_TRY_STATUS(store_.read([&](DocumentRepository& repo, audit::AuditSink&) -> Status {
    GK_TRY_ASSIGN(doc, repo.find(id));
    if (who.kind != Principal::Kind::kSystem) {
      GK_TRY_STATUS(accounts::authorize(&who, accounts::Permission::kUseBackOffice, doc.department));
    }
    GK_TRY_ASSIGN(v, view_of(repo, std::move(doc)));
    out = std::move(v);
    return ok();
  }));
  return std::move(*out);
}

Result<DocumentView> DocumentService::get_public(DocumentId id) {
  std::optional<DocumentView> out;
  GK_TRY_STATUS(store_.read([&](DocumentRepository& repo, audit::AuditSink&) -> Status {
    auto doc = repo.find(id);
    if (!doc || !doc->is_public_at(clock_.now())) return fail(Error::not_found("该文件不存在或尚未公开"));
    GK_TRY_ASSIGN(v, view_of(repo, std::move(*doc)));
    out = std::move(v);
    return ok();
  }));
  return std::move(*out);
}

namespace {

DocumentFilter filter_of(const DocumentQuery& q) {
  DocumentFilter f;
  f.department = q.department;
  f.column = q.column;
  f.topic = q.topic;
  f.genre = q.genre;
  f.year = q.year;
  f.normative = q.normative;
  f.title_contains = q.title_contains;
  f.sort = q.sort;
  return f;
}

}  // namespace

Result<DocumentPage> DocumentService::list_public(const DocumentQuery& q_in) {
  DocumentQuery q = q_in;
  q.per_page = std::clamp(q.per_page, 1, 100);
  q.page = std::max(q.page, 1);
  DocumentFilter f = filter_of(q);
  f.public_at = clock_.now();
  return list(f, q);
}

Result<DocumentPage> DocumentService::list_staff(const Principal& who, const DocumentQuery& q_in,
                                                 std::optional<PublicationState> state) {
  DocumentQuery q = q_in;
  if (!q.department && !who.is_city_wide()) q.department = who.department;
  GK_TRY_STATUS(accounts::authorize(&who, accounts::Permission::kUseBackOffice, q.department));
  q.per_page = std::clamp(q.per_page, 1, 100);
  q.page = std::max(q.page, 1);
  DocumentFilter f = filter_of(q);
  f.state = state;
  if (f.sort == "published_desc") f.sort = "updated_desc";
  return list(f, q);
}

Result<DocumentPage> DocumentService::list(DocumentFilter f, const DocumentQuery& q) {
  DocumentPage page;
  page.page = q.page;
  page.per_page = q.per_page;
  const Date today = clock_.today();
  GK_TRY_STATUS(store_.read([&](DocumentRepository& repo, audit::AuditSink&) -> Status {
    if (!q.validity) {
      f.offset = static_cast<int64_t>(q.page - 1) * q.per_page;
      f.limit = q.per_page;
      GK_TRY_ASSIGN(result, repo.list(f));
      page.total = result.second;
      std::vector<const Document*> ptrs;
      for (const auto& d : result.first) ptrs.push_back(&d);
      GK_TRY_ASSIGN(states, validity_of(repo, ptrs, today));
      for (size_t i = 0; i < result.first.size(); ++i) {
        page.items.push_back({std::move(result.first[i]), std::move(states[i]), ""});
      }
      return ok();
    }
    // Validity is derived, so a validity filter is evaluated here over every match of the other
    // filters (in batches), then paged. Fine for a city's library; the search index carries a
    // derived validity facet for large corpora.
    f.offset = 0;
    f.limit = 0;
    GK_TRY_ASSIGN(result, repo.list(f));
    constexpr size_t kBatch = 500;
    const size_t skip = static_cast<size_t>(q.page - 1) * q.per_page;
    size_t matched = 0;
    for (size_t start = 0; start < result.first.size(); start += kBatch) {
      std::vector<const Document*> ptrs;
      for (size_t i = start; i < std::min(result.first.size(), start + kBatch); ++i) ptrs.push_back(&result.first[i]);
      GK_TRY_ASSIGN(states, validity_of(repo, ptrs, today));
      for (size_t i = 0; i < ptrs.size(); ++i) {
        if (states[i].status != *q.validity) continue;
        if (matched >= skip && page.items.size() < static_cast<size_t>(q.per_page)) {
          page.items.push_back({*ptrs[i], std::move(states[i]), ""});
        }
        ++matched;
      }
    }
    page.total = static_cast<int64_t>(matched);
    return ok();
  }));
  return page;
}

Status DocumentService::for_each_indexable(int batch,
                                           const std::function<Status(std::vector<DocumentListItem>&&)>& sink) {
  batch = std::clamp(batch, 1, 2000);
  const Date today = clock_.today();
  int64_t after = 0;
  for (;;) {
    std::vector<DocumentListItem> items;
    bool more = false;
    // One read transaction per batch: a long rebuild must not hold the database; changes made
    // between batches reach the index through the outbox (the caller replays it).
    GK_TRY_STATUS(store_.read([&](DocumentRepository& repo, audit::AuditSink&) -> Status {
      DocumentFilter f;
      f.state = PublicationState::kPublished;
      f.after_id = DocumentId(after);
      f.sort = "id_asc";
      f.limit = batch;
      GK_TRY_ASSIGN(listed, repo.list(f));
      more = static_cast<int64_t>(listed.first.size()) == batch;
      std::vector<DocumentId> ids;
      for (const auto& d : listed.first) {
        after = d.id.value;
        if (d.mode == DisclosureMode::kProactive && d.published_at) ids.push_back(d.id);
      }
      GK_TRY_ASSIGN(docs, repo.find_many(ids));  // full text (lists cut it)
      std::vector<const Document*> ptrs;
      for (const auto& d : docs) ptrs.push_back(&d);
      GK_TRY_ASSIGN(states, validity_of(repo, ptrs, today));
      for (size_t i = 0; i < docs.size(); ++i) items.push_back({std::move(docs[i]), std::move(states[i]), ""});
      return ok();
    }));
    if (!items.empty()) GK_TRY_STATUS(sink(std::move(items)));
    if (!more) return ok();
  }
}

Result<std::optional<DocumentListItem>> DocumentService::indexable(DocumentId id) {
  std::optional<DocumentListItem> out;
  GK_TRY_STATUS(store_.read([&](DocumentRepository& repo, audit::AuditSink&) -> Status {
    auto doc = repo.find(id);
    if (!doc) return doc.error().code() == ErrorCode::kNotFound ? ok() : fail(doc.error());
    if (doc->state != PublicationState::kPublished || doc->mode != DisclosureMode::kProactive || !doc->published_at) {
      return ok();
    }
    GK_TRY_ASSIGN(states, validity_of(repo, {&*doc}, clock_.today()));
    out = DocumentListItem{std::move(*doc), std::move(states.at(0)), ""};
    return ok();
  }));
  return out;
}

Result<int64_t> DocumentService::count_indexable() {
  int64_t total = 0;
  GK_TRY_STATUS(store_.read([&](DocumentRepository& repo, audit::AuditSink&) -> Status {
    DocumentFilter f;
    f.state = PublicationState::kPublished;
    f.limit = 1;
    GK_TRY_ASSIGN(listed, repo.list(f));
    total = listed.second;
    return ok();
  }));
  return total;
}

Result<std::vector<DocumentVersion>> DocumentService::versions(const Principal& who, DocumentId id) {
  GK_TRY_ASSIGN(view, get(who, id));
  std::optional<std::vector<DocumentVersion>> out;
  GK_TRY_STATUS(store_.read([&](DocumentRepository& repo, audit::AuditSink&) -> Status {
    GK_TRY_ASSIGN(v, repo.versions(id));
    out = std::move(v);
    return ok();
  }));
  return std::move(*out);
}

Result<std::optional<DocumentId>> DocumentService::find_by_source_key(std::string_view source_key) {
  std::optional<DocumentId> out;
  GK_TRY_STATUS(store_.read([&](DocumentRepository& repo, audit::AuditSink&) -> Status {
    GK_TRY_ASSIGN(doc, repo.find_by_source_key(source_key));
    if (doc) out = doc->id;
    return ok();
  }));
  return out;
}

Result<std::vector<Column>> DocumentService::columns(std::optional<DepartmentId> department) {
  std::optional<std::vector<Column>> out;
  GK_TRY_STATUS(store_.read([&](DocumentRepository& repo, audit::AuditSink&) -> Status {
    GK_TRY_ASSIGN(c, repo.columns(department));
    out = std::move(c);
    return ok();
  }));
  return std::move(*out);
}

Result<int> DocumentService::ensure_columns(const std::vector<DepartmentId>& departments, const RequestContext& ctx) {
  int created = 0;
  GK_TRY_STATUS(store_.transact([&](DocumentRepository& repo, audit::AuditSink& audit) -> Status {
    created = 0;
    const auto tmpl = standard_disclosure_columns();
    for (DepartmentId dept : departments) {
      GK_TRY_ASSIGN(existing, repo.columns(dept));
      std::map<std::string, ColumnId> by_key;
      for (const auto& c : existing) by_key[c.key] = c.id;
      int added_here = 0;
      int order = 0;
      for (const auto& t : tmpl) {
        ++order;
        if (by_key.contains(t.key)) continue;
        Column c;
        c.department = dept;
        if (!t.parent_key.empty()) c.parent = by_key.at(t.parent_key);
        c.key = t.key;
        c.name = t.name;
        c.update_cycle_days = t.update_cycle_days;
        c.sort_order = order;
        GK_TRY_ASSIGN(id, repo.insert_column(c));
        by_key[t.key] = id;
        ++added_here;
      }
      if (added_here > 0) {
        audit::AuditEvent e;
        e.actor = "system";
        e.department = dept;
        e.action = "document.columns_create";
        e.target = fmt::format("department:{}", dept.value);
        e.summary = fmt::format("建立政府信息公开专栏（{} 个栏目）", added_here);
        e.request_id = ctx.request_id;
        e.ip = ctx.ip;
        GK_TRY_STATUS(audit.append(e));
        created += added_here;
      }
    }
    return ok();
  }));
  return created;
}

}  // namespace gk::documents

namespace gk::documents {

Result<ImportBatchResult> DocumentService::import_batch(const accounts::Principal& who, DepartmentId department,
                                                        const std::vector<ImportRecord>& records,
                                                        const RequestContext& ctx) {
  if (who.kind != accounts::Principal::Kind::kSystem && !who.has_role(accounts::Role::kAdmin)) {
    return fail(Error::permission_denied("只有管理员可以批量导入文件"));
  }
  ImportBatchResult result;
  // Validation first, outside the transaction: a rejected line never aborts the batch.
  std::vector<std::pair<const ImportRecord*, Document>> valid;
  for (const auto& rec : records) {
    Document base;
    base.department = department;
    base.created_by = who.actor();
    base.created_at = base.updated_at = clock_.now();
    base.source_key = rec.source_key;
    auto doc = build(who, rec.draft, std::move(base));
    if (!doc) {
      std::string reason = doc.error().message();
      for (const auto& f : doc.error().fields()) reason += "；" + f.field + "：" + f.message;
      result.rejected.emplace_back(rec.line, reason);
      continue;
    }
    if (rec.published_on) {
      doc->state = PublicationState::kPublished;
      // Historical documents: publication at 09:00 China time on the recorded day.
      doc->published_at = Instant::from_seconds(static_cast<int64_t>(rec.published_on->days()) * 86400 + 3600);
    }
    if (doc->issuers.empty()) doc->issuers.push_back(who.department_name);
    valid.emplace_back(&rec, std::move(*doc));
  }
  const std::string dept_code = dept_code_(department);  // before the transaction: it may query
  const auto validation_rejects = result.rejected;
  GK_TRY_STATUS(store_.transact([&](DocumentRepository& repo, audit::AuditSink& audit) -> Status {
    result.inserted = 0;
    result.skipped_existing = 0;
    result.versions_sharing_number = 0;
    result.rejected = validation_rejects;  // the transaction may be retried
    GK_TRY_ASSIGN(pattern, IndexNumberPattern::parse(kDefaultIndexNumberPattern));
    std::map<std::string, std::string> titles_in_batch;  // 文号 -> title, within this batch
    for (auto& [rec, doc] : valid) {
      doc.id = DocumentId();  // the transaction may be a retry
      GK_TRY_ASSIGN(existing, repo.find_by_source_key(rec->source_key));
      if (existing) {
        ++result.skipped_existing;
        continue;
      }
      // A 文号 already taken is this line's problem, not the batch's: checked before the insert so
      // the transaction never sees a failed statement.
      if (doc.doc_number) {
        GK_TRY_ASSIGN(holder, repo.find_id_by_doc_number(*doc.doc_number));
        std::optional<std::string> holder_title;
        if (holder) {
          GK_TRY_ASSIGN(h, repo.find(*holder));
          holder_title = h.title;
        } else if (auto it = titles_in_batch.find(*doc.doc_number); it != titles_in_batch.end()) {
          holder_title = it->second;
        }
        if (holder_title && *holder_title == doc.title) {
          // Corpora often repeat the original 文号 on every later version of a regulation. The
          // versions are linked by title afterwards; the repeated number is dropped, not kept twice.
          doc.doc_number.reset();
          ++result.versions_sharing_number;
        } else if (holder_title) {
          result.rejected.emplace_back(rec->line, "文号“" + *doc.doc_number + "”已被其他文件使用");
          continue;
        } else {
          titles_in_batch.emplace(*doc.doc_number, doc.title);
        }
      }
      IndexNumberInputs in{dept_code, doc.formed_on.year(), 0, doc.topic};
      GK_TRY_ASSIGN(serial, repo.next_serial(pattern.series_key(in)));
      in.serial = serial;
      doc.index_number = pattern.format(in);
      auto id = repo.insert(doc);
      if (!id) return fail(explain_conflict(id.error()));
      doc.id = *id;
      GK_TRY_STATUS(repo.add_version({doc.id, 1, doc.title, doc.body_html, metadata_json(doc), who.actor(),
                                      clock_.now(), "导入"}));
      ++result.inserted;
    }
    // Relations named by source key, now that every document of the batch has an id.
    bool any_relation = false;
    for (const auto& [rec, doc] : valid) any_relation = any_relation || !rec->relations.empty();
    if (any_relation) {
      GK_TRY_ASSIGN(ids, repo.all_ids());
      GK_TRY_ASSIGN(existing, repo.all_relations());
      GK_TRY_ASSIGN(graph, RelationGraph::build(ids, existing));
      for (const auto& [rec, doc] : valid) {
        if (rec->relations.empty() || !doc.id) continue;
        for (const auto& [kind, target_key] : rec->relations) {
          GK_TRY_ASSIGN(target, repo.find_by_source_key(target_key));
          if (!target) {
            result.rejected.emplace_back(rec->line, "关系目标不存在：" + target_key);
            continue;
          }
          Relation r;
          r.from = doc.id;
          r.kind = kind;
          r.to = target->id;
          if (Status st = graph.check_new_relation(r); !st) {
            if (st.error().code() == ErrorCode::kConflict) continue;  // already there: idempotent
            result.rejected.emplace_back(rec->line, st.error().message());
            continue;
          }
          GK_TRY_STATUS(graph.add(r));
          GK_TRY_STATUS(repo.add_relation(r, clock_.now()));
        }
      }
    }
    if (result.inserted == 0) return ok();
    audit::AuditEvent e;
    e.actor = who.actor();
    e.department = department;
    e.action = "document.import";
    e.target = fmt::format("department:{}", department.value);
    e.summary = fmt::format("批量导入文件 {} 件", result.inserted);
    e.request_id = ctx.request_id;
    e.ip = ctx.ip;
    return audit.append(e);
  }));
  return result;
}

Result<int> DocumentService::link_versions_by_title(const accounts::Principal& who,
                                                    const std::vector<std::string>& source_keys,
                                                    const RequestContext& ctx) {
  if (who.kind != accounts::Principal::Kind::kSystem && !who.has_role(accounts::Role::kAdmin)) {
    return fail(Error::permission_denied("只有管理员可以批量导入文件"));
  }
  int added = 0;
  GK_TRY_STATUS(store_.transact([&](DocumentRepository& repo, audit::AuditSink& audit) -> Status {
    added = 0;
    std::map<std::string, std::vector<Document>> by_title;
    for (const auto& key : source_keys) {
      GK_TRY_ASSIGN(doc, repo.find_by_source_key(key));
      if (doc) by_title[doc->title].push_back(std::move(*doc));
    }
    GK_TRY_ASSIGN(ids, repo.all_ids());
    GK_TRY_ASSIGN(existing, repo.all_relations());
    GK_TRY_ASSIGN(graph, RelationGraph::build(ids, existing));
    for (auto& [title, versions] : by_title) {
      if (versions.size() < 2) continue;
      // Order by effect, then by when written (two versions may take effect on the same day), then id.
      auto key = [](const Document& d) {
        const Date written = d.written_on.value_or(d.formed_on);
        return std::tuple(d.effective_on.value_or(written), written, d.id.value);
      };
      std::sort(versions.begin(), versions.end(), [&](const Document& a, const Document& b) { return key(a) < key(b); });
      for (size_t i = 1; i < versions.size(); ++i) {
        Relation r;
        r.from = versions[i].id;
        r.kind = RelationKind::kReplaces;
        r.to = versions[i - 1].id;
        if (!graph.check_new_relation(r)) continue;  // already linked (or would form a cycle)
        GK_TRY_STATUS(graph.add(r));
        GK_TRY_STATUS(repo.add_relation(r, clock_.now()));
        ++added;
      }
    }
    if (added == 0) return ok();
    audit::AuditEvent e;
    e.actor = who.actor();
    e.action = "document.link_versions";
    e.target = "documents";
    e.summary = fmt::format("关联同名文件的新旧版本 {} 处（新版本替代旧版本）", added);
    e.request_id = ctx.request_id;
    e.ip = ctx.ip;
    return audit.append(e);
  }));
  return added;
}

}  // namespace gk::documents
