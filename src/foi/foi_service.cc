#include "foi/foi_service.h"

#include <sodium.h>

#include <algorithm>
#include <cstdlib>
#include <unordered_map>

#include <fmt/format.h>

#include "accounts/login_throttle.h"
#include "accounts/permission.h"
#include "accounts/session.h"
#include "core/utf8.h"
#include "foi/case_view.h"
#include "foi/similarity.h"

namespace gk::foi {
namespace {

using accounts::Permission;
using accounts::Principal;

constexpr int kQueryCodeDigits = 8;
constexpr int kAnsweredCandidates = 5000;  // similar_answered looks at the most recent answered cases
constexpr int kFeePaymentDays = 20;        // 109号: pay within 20 working days of the notice

audit::AuditEvent audit_event(const Principal* who, DepartmentId dept, FoiCaseId id, std::string action,
                              std::string summary, const RequestContext& ctx) {
  audit::AuditEvent e;
  e.actor = who ? who->actor() : "anonymous";
  e.department = dept;
  e.action = std::move(action);
  e.target = fmt::format("foi_case:{}", id.value);
  e.summary = std::move(summary);
  e.request_id = ctx.request_id;
  e.ip = ctx.ip;
  return e;
}

std::string random_query_code() {
  if (sodium_init() < 0) std::abort();  // no CSPRNG: refuse to hand out guessable codes
  std::string code;
  for (int i = 0; i < kQueryCodeDigits; ++i) code += static_cast<char>('0' + randombytes_uniform(10));
  return code;
}

std::string query_code_hash(std::string_view tracking_number, std::string_view code) {
  return accounts::hash_token(fmt::format("{}:{}", tracking_number, code));
}

std::string normalise_id(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '-') continue;
    out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
  }
  return out;
}

// Collects field errors so intake reports every wrong field at once.
struct FieldErrors {
  std::vector<FieldError> list;
  void add(std::string field, std::string message) { list.push_back({std::move(field), std::move(message)}); }
  bool has(std::string_view field) const {
    return std::any_of(list.begin(), list.end(), [&](const FieldError& f) { return f.field == field; });
  }
};

bool is_reply_outcome(Outcome o) {
  return o != Outcome::kOtherNoClarification && o != Outcome::kOtherFeeUnpaid && o != Outcome::kOtherOther;
}

std::string cut(std::string_view s, size_t max_chars) {
  size_t i = 0, n = 0;
  while (i < s.size() && n < max_chars) {
    const auto b = static_cast<unsigned char>(s[i]);
    size_t len = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    i += std::min(len, s.size() - i);
    ++n;
  }
  return std::string(s.substr(0, i)) + (i < s.size() ? "…" : "");
}

std::string sought_text(const InformationSought& s) {
  std::string t = s.title;
  if (!s.doc_number.empty()) t += (t.empty() ? "" : " ") + s.doc_number;
  if (!s.description.empty()) t += (t.empty() ? "" : " ") + s.description;
  return t;
}

// The working days left on `today` until `due` (negative when overdue).
Result<int> working_days_left(const calendar::WorkingCalendar& cal, Date today, Date due) {
  if (due >= today) return cal.working_days_in(today, due);
  GK_TRY_ASSIGN(n, cal.working_days_in(due, today));
  return -n;
}

std::string notice_payload(const FoiCase& c, std::string_view kind, Date date) {
  return fmt::format(R"({{"case":{},"tracking_number":"{}","kind":"{}","date":"{}"}})", c.id.value,
                     c.tracking_number, kind, date.to_string());
}

}  // namespace

std::string_view due_status_key(DueStatus s) {
  switch (s) {
    case DueStatus::kOk:
      return "ok";
    case DueStatus::kDueSoon:
      return "due_soon";
    case DueStatus::kOverdue:
      return "overdue";
    case DueStatus::kStopped:
      return "stopped";
    case DueStatus::kUnknown:
      return "unknown";
  }
  return "unknown";
}

FoiService::FoiService(FoiStore& store, const Clock& clock, CalendarProvider calendar,
                       std::string tracking_prefix)
    : store_(store),
      clock_(clock),
      calendar_(std::move(calendar)),
      tracking_prefix_(std::move(tracking_prefix)) {}

Result<std::shared_ptr<const calendar::WorkingCalendar>> FoiService::calendar_now() const {
  auto cal = calendar_ ? calendar_() : nullptr;
  if (!cal) return fail(Error::failed_precondition("工作日历尚未加载"));
  return cal;
}

// ---------------------------------------------------------------------------------------------
// Intake

Result<IntakeResult> FoiService::submit(const Principal* who, const IntakeForm& f,
                                        const RequestContext& ctx) {
  const Date today = clock_.today();
  const bool staff = who && who->kind != Principal::Kind::kPublic;
  if (staff) GK_TRY_STATUS(accounts::authorize(who, Permission::kHandleFoiCase, f.department));

  FieldErrors errs;
  FoiCase c;
  c.department = f.department;
  if (!f.department) errs.add("department", "请选择受理机关");

  // 条例 Art. 29 ¶2 (一): name, proof of identity, contact details.
  auto type = parse_applicant_type(f.applicant_type);
  if (!type)
    errs.add("applicant_type", "请选择申请人类型（自然人或法人、其他组织的类别）");
  else
    c.applicant.type = *type;
  c.applicant.name = trim(f.name);
  if (c.applicant.name.empty())
    errs.add("name", is_organization(c.applicant.type) ? "请填写单位名称" : "请填写姓名");
  const std::string id_kind_text =
      f.id_kind.empty() ? std::string(id_kind_key(type && is_organization(*type) ? IdKind::kCreditCode
                                                                                 : IdKind::kResidentId))
                        : f.id_kind;
  auto id_kind = parse_id_kind(id_kind_text);
  if (!id_kind)
    errs.add("id_kind", "请选择证件类型");
  else
    c.applicant.id_kind = *id_kind;
  c.applicant.id_number = normalise_id(f.id_number);
  if (c.applicant.id_number.empty()) {
    errs.add("id_number", "请填写证件号码");
  } else if (id_kind == IdKind::kResidentId) {
    if (auto st = check_resident_id(c.applicant.id_number, "id_number"); !st)
      errs.add("id_number", st.error().message());
  } else if (id_kind == IdKind::kCreditCode) {
    if (auto st = check_credit_code(c.applicant.id_number, "id_number"); !st)
      errs.add("id_number", st.error().message());
  }
  c.applicant.phone = trim(f.phone);
  c.applicant.email = trim(f.email);
  c.applicant.address = trim(f.address);
  c.applicant.contact = trim(f.contact);
  if (c.applicant.phone.empty() && c.applicant.email.empty()) errs.add("phone", "请填写联系电话或电子邮箱");
  if (!c.applicant.email.empty() && c.applicant.email.find('@') == std::string::npos) {
    errs.add("email", "电子邮箱格式不正确");
  }
  if (type && is_organization(*type) && c.applicant.contact.empty()) errs.add("contact", "请填写联系人");

  // Art. 29 ¶2 (二): name, 文号 or describing features of the information.
  c.sought.description = trim(f.description);
  c.sought.title = trim(f.title);
  c.sought.doc_number = trim(f.doc_number);
  if (c.sought.description.empty() && c.sought.title.empty() && c.sought.doc_number.empty()) {
    errs.add("description", "请填写所需信息的名称、文号或者便于查询的其他特征性描述（条例第二十九条）");
  }

  // Art. 29 ¶2 (三): form and channel of provision.
  auto form = parse_provision_form(f.form);
  if (!form)
    errs.add("form", "请选择信息的提供形式");
  else
    c.form = *form;
  auto delivery = parse_delivery(f.delivery);
  if (!delivery)
    errs.add("delivery", "请选择获取信息的方式");
  else
    c.delivery = *delivery;
  if ((delivery == Delivery::kEmail || form == ProvisionForm::kEmail) && c.applicant.email.empty() &&
      !errs.has("email")) {
    errs.add("email", "以电子邮件获取的，请填写电子邮箱");
  }

  for (const auto& [field, value, max] :
       {std::tuple{"name", &c.applicant.name, kMaxShortField},
        std::tuple{"phone", &c.applicant.phone, kMaxShortField},
        std::tuple{"email", &c.applicant.email, kMaxShortField},
        std::tuple{"address", &c.applicant.address, kMaxShortField},
        std::tuple{"contact", &c.applicant.contact, kMaxShortField},
        std::tuple{"title", &c.sought.title, kMaxShortField},
        std::tuple{"doc_number", &c.sought.doc_number, kMaxShortField},
        std::tuple{"description", &c.sought.description, kMaxDescription}}) {
    if (value->size() > max)
      errs.add(field, fmt::format("内容过长（不超过 {} 字节）", max));
    else if (!is_valid_utf8(*value))
      errs.add(field, "含有无效字符");
  }
  if (f.note.size() > kMaxDescription) errs.add("note", "内容过长");

  // Art. 31: the channel and the date it names.
  if (staff) {
    auto channel = parse_channel(f.channel);
    if (!channel) {
      errs.add("channel", "请选择申请方式（当面、邮寄、平常信函、网上、传真、电子邮件）");
    } else {
      c.channel = *channel;
      auto date = [&](const std::string& text, std::string field) -> std::optional<Date> {
        if (trim(text).empty()) return std::nullopt;
        auto d = Date::parse(trim(text));
        if (!d)
          errs.add(field, "不是有效日期（YYYY-MM-DD）");
        else if (*d > today)
          errs.add(field, "日期不能晚于今天");
        return d;
      };
      c.submitted = date(f.submitted, "submitted");
      c.signed_on = date(f.signed_on, "signed");
      c.confirmed = date(f.confirmed, "confirmed");
      auto receipt = receipt_date(c.channel, c.submitted, c.signed_on, c.confirmed);
      const std::string need = c.channel == Channel::kInPerson     ? "submitted"
                               : c.channel == Channel::kPostSigned ? "signed"
                                                                   : "confirmed";
      if (!receipt && !errs.has(need)) {
        errs.add(need, fmt::format("{}的申请须填写{}（条例第三十一条）", channel_label(c.channel),
                                   need == "submitted" ? "提交日期"
                                   : need == "signed"  ? "签收日期"
                                                       : "双方确认日期"));
      }
      if (receipt) c.received_on = *receipt;
    }
  } else {
    // Portal: the system confirms receipt to the applicant at once (双方确认之日 = today).
    c.channel = Channel::kOnline;
    c.submitted = today;
    c.confirmed = today;
    c.received_on = today;
    if (who && who->kind == Principal::Kind::kPublic) c.public_account = who->public_account;
  }
  if (!errs.list.empty())
    return fail(Error::invalid("申请信息不完整或有误，请按提示修改", std::move(errs.list)));

  const std::string code = random_query_code();
  const Instant now = clock_.now();
  c.state = CaseState::kOpen;
  c.created_at = c.updated_at = now;
  IntakeResult result;
  result.query_code = code;
  result.received_on = c.received_on;
  GK_TRY_STATUS(store_.transact([&](FoiRepository& repo, audit::AuditSink& audit) -> Status {
    FoiCase row = c;
    const std::string series = fmt::format("foi:{}{}", tracking_prefix_, row.received_on.year());
    GK_TRY_ASSIGN(serial, repo.next_serial(series));
    row.tracking_number = fmt::format("{}{}-{:06d}", tracking_prefix_, row.received_on.year(), serial);
    row.query_code_hash = query_code_hash(row.tracking_number, code);
    GK_TRY_ASSIGN(id, repo.insert_case(row));
    CaseEvent e;
    e.seq = 1;
    e.case_id = id;
    e.type = CaseEventType::kRegistered;
    e.date = row.received_on;
    e.recorded_at = now;
    e.actor = who ? who->actor() : "anonymous";
    e.note = f.note;
    GK_TRY_STATUS(repo.append_event(e));
    GK_TRY_STATUS(audit.append(audit_event(
        who, row.department, id, "foi.register",
        fmt::format("登记依申请公开申请 {}（{}）", row.tracking_number, channel_label(row.channel)), ctx)));
    result.id = id;
    result.tracking_number = row.tracking_number;
    return ok();
  }));
  if (auto cal = calendar_now()) {
    FoiCase tmp = c;
    CaseEvent reg;
    reg.type = CaseEventType::kRegistered;
    reg.date = c.received_on;
    if (auto clock = compute_clock(clock_input(tmp, {reg}), **cal)) result.due = clock->due;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Handling

Result<EventResult> FoiService::record_event(const Principal& who, FoiCaseId id, int expected_version,
                                             const NewEvent& ev, const RequestContext& ctx) {
  using T = CaseEventType;
  const Date today = clock_.today();
  if (ev.type == T::kRegistered) return fail(Error::invalid_field("type", "登记由受理产生"));
  if (ev.date > today) return fail(Error::invalid_field("date", "日期不能晚于今天"));
  if (ev.note.size() > kMaxDescription) return fail(Error::invalid_field("note", "内容过长"));
  if (ev.data.to.size() > kMaxShortField) return fail(Error::invalid_field("to", "内容过长"));
  Permission needed = Permission::kHandleFoiCase;
  if (ev.type == T::kExtensionApproved || ev.type == T::kApproved) needed = Permission::kApproveFoiCase;
  if (ev.type == T::kLegalReviewPassed || ev.type == T::kLegalReviewReturned)
    needed = Permission::kReviewFoiCase;
  if (who.kind == Principal::Kind::kPublic) return fail(Error::permission_denied("仅限工作人员操作"));
  GK_TRY_ASSIGN(cal, calendar_now());

  EventResult result;
  GK_TRY_STATUS(store_.transact([&](FoiRepository& repo, audit::AuditSink& audit) -> Status {
    GK_TRY_ASSIGN(c, repo.find_case(id));
    GK_TRY_STATUS(accounts::authorize(&who, needed, c.department));
    if (c.version != expected_version) return fail(Error::conflict("该案件已被他人更新，请刷新后重试"));
    GK_TRY_ASSIGN(log, repo.events(id));
    GK_TRY_ASSIGN(progress, replay(log));

    CaseEvent e;
    e.seq = log.empty() ? 1 : log.back().seq + 1;
    e.case_id = id;
    e.type = ev.type;
    e.date = ev.date;
    e.recorded_at = clock_.now();
    e.actor = who.actor();
    e.note = ev.note;
    e.data = ev.data;
    e.data.imported = false;
    e.data.fee_yuan.reset();
    GK_TRY_ASSIGN(next, step(progress, e));

    if (ev.type == T::kFeeUnpaidAbandoned) {
      // 109号: abandonment only once the 20 working days to pay (from the day after the notice) have run.
      auto before = compute_clock(clock_input(c, log), *cal);
      if (!before) return fail(before.error());
      if (!before->fee_payment_due || ev.date <= *before->fee_payment_due) {
        return fail(Error::invalid_field(
            "date", fmt::format("缴费期限（收到收费通知后 {} 个工作日，至 {}）尚未届满", kFeePaymentDays,
                                before->fee_payment_due ? before->fee_payment_due->to_string() : "")));
      }
    }
    if (ev.type == T::kFeeNotice) {
      // 109号 Arts. 4–5: the amount follows the method chosen for this application.
      if (*e.data.fee_method == FeeMethod::kPerRequest) {
        const Date month_start = *Date::from_ymd(c.received_on.year(), c.received_on.month(), 1);
        const Date month_end = *Date::from_ymd(c.received_on.year(), c.received_on.month(),
                                               days_in_month(c.received_on.year(), c.received_on.month()));
        GK_TRY_ASSIGN(n, repo.count_applications(c.applicant.id_number, month_start, month_end, c.id));
        GK_TRY_ASSIGN(fee, compute_marginal_fee(std::max<int64_t>(0, n - 1), 1));
        e.data.fee_units = n;
        e.data.fee_yuan = fee.total_yuan;
      } else {
        if (!e.data.fee_units || *e.data.fee_units <= 0) {
          return fail(Error::invalid_field("pages", "按量计收须填写页数"));
        }
        auto fee = compute_fee(FeeMethod::kPerPage, *e.data.fee_units);
        if (!fee) return fail(Error::invalid_field("pages", fee.error().message()));
        e.data.fee_yuan = fee->total_yuan;
      }
    }
    if (ev.type == T::kDraftReply) e.data.outcome = next.draft_outcome;
    if (next.state == CaseState::kClosed) e.data.outcome = next.outcome;

    GK_TRY_STATUS(repo.append_event(e));
    log.push_back(e);
    c.state = next.state;
    c.outcome = next.outcome;
    c.closed_on = next.closed_on;
    c.fee_method = next.fee_method;
    c.transferred_to = next.transferred_to;
    c.updated_at = e.recorded_at;
    GK_TRY_STATUS(repo.update_case(c));
    // Notices the applicant must receive go out through the outbox (mailer): the 补正 notice
    // (Art. 30), the extension (Art. 33 ¶2: 告知申请人), the fee notice (109号) and the reply.
    if (ev.type == T::kSupplementRequested || ev.type == T::kExtensionApproved || ev.type == T::kFeeNotice ||
        ev.type == T::kReplied || ev.type == T::kTransferred) {
      GK_TRY_STATUS(repo.add_outbox("mail:foi_applicant_notice",
                                    notice_payload(c, case_event_key(ev.type), e.date), e.recorded_at));
    }
    std::string summary =
        fmt::format("{} {}：{}", c.tracking_number, case_event_label(ev.type), e.date.to_string());
    if (e.data.outcome) summary += fmt::format("，办理结果 {}", info(*e.data.outcome).label);
    GK_TRY_STATUS(audit.append(audit_event(
        &who, c.department, id, fmt::format("foi.event.{}", case_event_key(ev.type)), summary, ctx)));

    result.seq = e.seq;
    result.version = c.version + 1;
    result.state = c.state;
    if (c.state != CaseState::kClosed) {
      auto after = compute_clock(clock_input(c, log), *cal);
      if (after) {
        result.warnings = after->warnings;
        result.clock = std::move(*after);
      }
    }
    return ok();
  }));
  return result;
}

// ---------------------------------------------------------------------------------------------
// Reading

Result<CaseView> FoiService::get(const Principal& who, FoiCaseId id, const RequestContext& ctx, bool reveal) {
  auto cal = calendar_now();
  CaseView view;
  auto load = [&](FoiRepository& repo, audit::AuditSink& audit) -> Status {
    GK_TRY_ASSIGN(c, repo.find_case(id));
    if (who.kind == Principal::Kind::kPublic) {
      if (!who.public_account || c.public_account != who.public_account)
        return fail(Error::not_found("申请不存在"));
      view.masked = true;
      view.addressee = c.applicant.name;  // their own name, for their own letter
    } else {
      GK_TRY_STATUS(accounts::authorize(&who, Permission::kViewFoiCases, c.department));
      view.may_reveal = accounts::authorize(&who, Permission::kViewFoiPersonalData, c.department).has_value();
      view.masked = !(view.may_reveal && reveal);
      if (view.may_reveal) view.addressee = c.applicant.name;
      if (!view.masked) {
        GK_TRY_STATUS(
            audit.append(audit_event(&who, c.department, id, "foi.view_personal_data",
                                     fmt::format("查看申请人个人信息：{}", c.tracking_number), ctx)));
      }
    }
    GK_TRY_ASSIGN(events, repo.events(id));
    GK_TRY_ASSIGN(remedies, repo.remedies(id));
    view.events = std::move(events);
    view.remedies = std::move(remedies);
    view.foi_case = std::move(c);
    return ok();
  };
  // Only an unmasked view writes (its audit row); the rest may read without the write lock.
  const bool may_write = who.kind != Principal::Kind::kPublic && reveal;
  GK_TRY_STATUS(may_write ? store_.transact(load) : store_.read(load));
  if (view.masked) view.foi_case.applicant = mask_applicant(view.foi_case.applicant);
  if (view.foi_case.state != CaseState::kClosed) {
    if (!cal) {
      view.clock_error = cal.error().message();
    } else if (auto clock = compute_clock(clock_input(view.foi_case, view.events), **cal)) {
      view.clock = std::move(*clock);
    } else {
      view.clock_error = clock.error().message();
    }
  }
  return view;
}

Result<CaseView> FoiService::lookup(std::string_view tracking_number, std::string_view query_code,
                                    const RequestContext&) {
  const std::string subject = fmt::format("foi_lookup:{}", tracking_number);
  const Instant now = clock_.now();
  std::optional<FoiCase> found;
  bool blocked = false, matched = false;
  GK_TRY_STATUS(store_.transact([&](FoiRepository& repo, audit::AuditSink&) -> Status {
    found.reset();
    GK_TRY_ASSIGN(attempts, repo.lookups_since(subject, now.plus_seconds(-accounts::kThrottleWindowSeconds)));
    blocked = accounts::decide_login(attempts, now).blocked;
    if (blocked) return ok();
    GK_TRY_ASSIGN(c, repo.find_by_tracking_number(tracking_number));
    const std::string given = query_code_hash(tracking_number, query_code);
    matched = c && c->query_code_hash.size() == given.size() &&
              sodium_memcmp(c->query_code_hash.data(), given.data(), given.size()) == 0;
    GK_TRY_STATUS(repo.record_lookup(subject, now, matched));
    if (matched) found = std::move(c);
    return ok();
  }));
  if (blocked) return fail(Error::permission_denied("查询码错误次数过多，请 15 分钟后再试"));
  if (!found) return fail(Error::not_found("申请编号或查询码不正确"));
  CaseView view;
  GK_TRY_STATUS(store_.read([&](FoiRepository& repo, audit::AuditSink&) -> Status {
    GK_TRY_ASSIGN(events, repo.events(found->id));
    GK_TRY_ASSIGN(remedies, repo.remedies(found->id));
    view.events = std::move(events);
    view.remedies = std::move(remedies);
    return ok();
  }));
  view.foi_case = std::move(*found);
  view.addressee = view.foi_case.applicant.name;  // proven by the query code: their own letter
  view.foi_case.applicant = mask_applicant(view.foi_case.applicant);
  view.masked = true;
  if (view.foi_case.state != CaseState::kClosed) {
    if (auto cal = calendar_now()) {
      if (auto clock = compute_clock(clock_input(view.foi_case, view.events), **cal))
        view.clock = std::move(*clock);
    }
  }
  return view;
}

Result<std::vector<FoiCase>> FoiService::my_cases(const Principal& who) {
  if (who.kind != Principal::Kind::kPublic || !who.public_account) {
    return fail(Error::permission_denied("请使用公众账号登录"));
  }
  std::vector<FoiCase> out;
  GK_TRY_STATUS(store_.read([&](FoiRepository& repo, audit::AuditSink&) -> Status {
    CaseFilter f;
    f.public_account = who.public_account;
    GK_TRY_ASSIGN(page, repo.list_cases(f));
    out = std::move(page.first);
    return ok();
  }));
  std::reverse(out.begin(), out.end());
  for (auto& c : out) c.applicant = mask_applicant(c.applicant);
  return out;
}

DueInfo FoiService::due_info(const Result<ClockResult>& clock, const calendar::WorkingCalendar& cal,
                             Date today) {
  DueInfo d;
  if (!clock) return d;
  d.clock_state = clock->state;
  if (!clock->due) {
    d.status = DueStatus::kStopped;
    return d;
  }
  d.due = clock->due;
  auto left = working_days_left(cal, today, *clock->due);
  if (!left) return d;  // kUnknown: the calendar lacks a year between today and the due date
  d.working_days_left = *left;
  d.status = today > *clock->due            ? DueStatus::kOverdue
             : *left <= kDueSoonWorkingDays ? DueStatus::kDueSoon
                                            : DueStatus::kOk;
  return d;
}

namespace {

// Open cases of the filter with their clock events, loaded in two queries.
Status load_open(FoiRepository& repo, std::optional<DepartmentId> department, std::vector<FoiCase>& cases,
                 std::unordered_map<int64_t, std::vector<CaseEvent>>& events) {
  CaseFilter f;
  f.department = department;
  f.open_only = true;
  GK_TRY_ASSIGN(page, repo.list_cases(f));
  cases = std::move(page.first);
  std::vector<FoiCaseId> ids;
  ids.reserve(cases.size());
  for (const auto& c : cases) ids.push_back(c.id);
  GK_TRY_ASSIGN(evs, repo.clock_events(ids));
  for (auto& e : evs) events[e.case_id.value].push_back(std::move(e));
  return ok();
}

}  // namespace

Result<QueuePage> FoiService::queue(const Principal& who, const QueueQuery& q) {
  std::optional<DepartmentId> scope = q.department;
  if (!scope && !who.is_city_wide()) scope = who.department;
  GK_TRY_STATUS(accounts::authorize(&who, Permission::kViewFoiCases, scope));
  GK_TRY_ASSIGN(cal, calendar_now());
  const Date today = clock_.today();
  std::vector<FoiCase> cases;
  std::unordered_map<int64_t, std::vector<CaseEvent>> events;
  GK_TRY_STATUS(store_.read([&](FoiRepository& repo, audit::AuditSink&) -> Status {
    cases.clear();
    events.clear();
    return load_open(repo, scope, cases, events);
  }));
  QueuePage page;
  page.per_page = std::clamp(q.per_page, 1, 500);
  page.page = std::max(1, q.page);
  std::vector<QueueItem> items;
  items.reserve(cases.size());
  static const std::vector<CaseEvent> kNone;
  for (auto& c : cases) {
    auto it = events.find(c.id.value);
    const auto& evs = it == events.end() ? kNone : it->second;
    if (q.state && c.state != *q.state) continue;
    QueueItem item;
    item.due = due_info(compute_clock(clock_input(c, evs), *cal, /*explain=*/false), *cal, today);
    item.foi_case = std::move(c);
    items.push_back(std::move(item));
  }
  std::sort(items.begin(), items.end(), [](const QueueItem& a, const QueueItem& b) {
    const Date far = Date::from_days(INT32_MAX);
    const Date da = a.due.due.value_or(far), db = b.due.due.value_or(far);
    if (da != db) return da < db;
    return a.foi_case.id < b.foi_case.id;
  });
  page.total = static_cast<int64_t>(items.size());
  const size_t from = std::min(items.size(), static_cast<size_t>(page.page - 1) * page.per_page);
  const size_t to = std::min(items.size(), from + static_cast<size_t>(page.per_page));
  for (size_t i = from; i < to; ++i) {
    items[i].foi_case.applicant = mask_applicant(items[i].foi_case.applicant);
    page.items.push_back(std::move(items[i]));
  }
  return page;
}

// ---------------------------------------------------------------------------------------------
// Similarity

Result<std::vector<SimilarCase>> FoiService::similar_answered(std::string_view text, int limit) {
  limit = std::clamp(limit, 1, 20);
  const BigramProfile query = bigram_profile(text);
  std::vector<FoiCase> cases;
  GK_TRY_STATUS(store_.read([&](FoiRepository& repo, audit::AuditSink&) -> Status {
    GK_TRY_ASSIGN(got, repo.answered_cases(kAnsweredCandidates));
    cases = std::move(got);
    return ok();
  }));
  std::vector<SimilarCase> out;
  for (const auto& c : cases) {
    const std::string t = sought_text(c.sought);
    const double s = cosine_similarity(query, bigram_profile(t));
    if (s < kSimilarShownSimilarity) continue;
    out.push_back({c.id, c.department, cut(t, 200), c.outcome, c.closed_on, s});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const SimilarCase& a, const SimilarCase& b) { return a.score > b.score; });
  if (out.size() > static_cast<size_t>(limit)) out.resize(limit);
  return out;
}

Result<std::vector<SimilarCase>> FoiService::possible_repeats(const Principal& who, FoiCaseId id) {
  std::vector<SimilarCase> out;
  GK_TRY_STATUS(store_.read([&](FoiRepository& repo, audit::AuditSink&) -> Status {
    out.clear();
    GK_TRY_ASSIGN(c, repo.find_case(id));
    GK_TRY_STATUS(accounts::authorize(&who, Permission::kViewFoiCases, c.department));
    if (c.applicant.id_number.empty()) return ok();
    GK_TRY_ASSIGN(others, repo.cases_of_applicant(c.applicant.id_number));
    const BigramProfile mine = bigram_profile(sought_text(c.sought));
    for (const auto& o : others) {
      // 条例 Art. 36(六): a request for information already answered — earlier cases with a reply.
      if (o.id == c.id || o.state != CaseState::kClosed || !o.outcome || !is_reply_outcome(*o.outcome))
        continue;
      const std::string t = sought_text(o.sought);
      const double s = cosine_similarity(mine, bigram_profile(t));
      if (s >= kRepeatSimilarity) out.push_back({o.id, o.department, cut(t, 200), o.outcome, o.closed_on, s});
    }
    return ok();
  }));
  std::stable_sort(out.begin(), out.end(),
                   [](const SimilarCase& a, const SimilarCase& b) { return a.score > b.score; });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reminders

Result<std::vector<Reminder>> FoiService::due_reminders(const Principal& who, Date today,
                                                        const RequestContext& ctx) {
  if (who.kind != Principal::Kind::kSystem && !who.has_role(accounts::Role::kAdmin)) {
    return fail(Error::permission_denied("仅系统任务或管理员可发送提醒"));
  }
  GK_TRY_ASSIGN(cal, calendar_now());
  std::vector<FoiCase> cases;
  std::unordered_map<int64_t, std::vector<CaseEvent>> events;
  GK_TRY_STATUS(store_.read([&](FoiRepository& repo, audit::AuditSink&) -> Status {
    cases.clear();
    events.clear();
    return load_open(repo, std::nullopt, cases, events);
  }));
  std::vector<Reminder> due;
  static const std::vector<CaseEvent> kNone;
  for (const auto& c : cases) {
    auto it = events.find(c.id.value);
    const DueInfo d =
        due_info(compute_clock(clock_input(c, it == events.end() ? kNone : it->second), *cal, /*explain=*/false), *cal, today);
    if (!d.due || (d.status != DueStatus::kOverdue && d.status != DueStatus::kDueSoon)) continue;
    std::string threshold;
    if (d.status == DueStatus::kOverdue)
      threshold = "overdue";
    else if (d.working_days_left <= 1)
      threshold = "1";
    else if (d.working_days_left <= 3)
      threshold = "3";
    else
      threshold = "5";
    due.push_back({c.id, c.tracking_number, c.department, threshold, *d.due, d.working_days_left});
  }
  std::vector<Reminder> sent;
  const Instant now = clock_.now();
  GK_TRY_STATUS(store_.transact([&](FoiRepository& repo, audit::AuditSink& audit) -> Status {
    sent.clear();
    for (const auto& r : due) {
      GK_TRY_ASSIGN(fresh, repo.record_reminder(r.id, r.threshold, r.due, now));
      if (!fresh) continue;
      Notification n;
      n.department = r.department;
      n.case_id = r.id;
      n.kind = "reminder:" + r.threshold;
      n.message =
          r.threshold == "overdue"
              ? fmt::format("依申请公开 {} 已超过答复期限（{}）", r.tracking_number, r.due.to_string())
              : fmt::format("依申请公开 {} 距答复期限（{}）还有 {} 个工作日", r.tracking_number,
                            r.due.to_string(), r.working_days_left);
      n.created_at = now;
      GK_TRY_STATUS(repo.add_notification(n));
      GK_TRY_STATUS(repo.add_outbox(
          "mail:foi_reminder",
          fmt::format(
              R"({{"case":{},"tracking_number":"{}","department":{},"threshold":"{}","due":"{}","working_days_left":{}}})",
              r.id.value, r.tracking_number, r.department.value, r.threshold, r.due.to_string(),
              r.working_days_left),
          now));
      sent.push_back(r);
    }
    if (!sent.empty()) {
      audit::AuditEvent e;
      e.actor = who.actor();
      e.action = "foi.reminders";
      e.target = "foi_cases";
      e.summary = fmt::format("发送依申请公开办理期限提醒 {} 条（{}）", sent.size(), today.to_string());
      e.request_id = ctx.request_id;
      e.ip = ctx.ip;
      GK_TRY_STATUS(audit.append(e));
    }
    return ok();
  }));
  return sent;
}

Result<std::vector<Notification>> FoiService::notifications(const Principal& who, int limit) {
  GK_TRY_STATUS(accounts::authorize(&who, Permission::kViewFoiCases, who.department));
  std::vector<Notification> out;
  GK_TRY_STATUS(store_.read([&](FoiRepository& repo, audit::AuditSink&) -> Status {
    GK_TRY_ASSIGN(got, repo.notifications(who.department, std::clamp(limit, 1, 500)));
    out = std::move(got);
    return ok();
  }));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Remedies

namespace {

Result<FoiRemedy> parse_remedy(const RemedyInput& in, Date received_on) {
  FieldErrors errs;
  FoiRemedy r;
  auto kind = parse_remedy_kind(in.kind);
  if (!kind)
    errs.add("kind", "请选择救济类型（行政复议、直接起诉、复议后起诉）");
  else
    r.kind = *kind;
  auto filed = Date::parse(trim(in.filed));
  if (!filed)
    errs.add("filed", "请填写申请复议或起诉的日期（YYYY-MM-DD）");
  else if (*filed < received_on)
    errs.add("filed", "日期早于收到申请之日");
  else
    r.filed = *filed;
  if (!trim(in.decided).empty()) {
    r.decided = Date::parse(trim(in.decided));
    if (!r.decided)
      errs.add("decided", "不是有效日期（YYYY-MM-DD）");
    else if (filed && *r.decided < *filed)
      errs.add("decided", "审结日期早于申请或起诉日期");
  }
  auto outcome = parse_remedy_outcome(in.outcome.empty() ? "pending" : in.outcome);
  if (!outcome)
    errs.add("outcome", "结果应为维持、纠正、其他或尚未审结");
  else
    r.outcome = *outcome;
  if (outcome && r.decided && *outcome == RemedyOutcome::kPending) errs.add("outcome", "已审结的须选择结果");
  if (outcome && !r.decided && *outcome != RemedyOutcome::kPending && !errs.has("decided")) {
    errs.add("decided", "有结果的须填写审结日期");
  }
  if (in.note.size() > kMaxDescription) errs.add("note", "内容过长");
  r.note = in.note;
  if (!errs.list.empty()) return fail(Error::invalid("复议或诉讼信息有误", std::move(errs.list)));
  return r;
}

}  // namespace

Result<FoiRemedyId> FoiService::add_remedy(const Principal& who, FoiCaseId id, const RemedyInput& in,
                                           const RequestContext& ctx) {
  FoiRemedyId out;
  GK_TRY_STATUS(store_.transact([&](FoiRepository& repo, audit::AuditSink& audit) -> Status {
    GK_TRY_ASSIGN(c, repo.find_case(id));
    GK_TRY_STATUS(accounts::authorize(&who, Permission::kManageFoiRemedies, c.department));
    GK_TRY_ASSIGN(r, parse_remedy(in, c.received_on));
    r.case_id = id;
    r.created_at = r.updated_at = clock_.now();
    GK_TRY_ASSIGN(rid, repo.insert_remedy(r));
    GK_TRY_STATUS(audit.append(
        audit_event(&who, c.department, id, "foi.remedy.add",
                    fmt::format("{} 登记{}（{}），结果：{}", c.tracking_number, remedy_kind_label(r.kind),
                                r.filed.to_string(), remedy_outcome_label(r.outcome)),
                    ctx)));
    out = rid;
    return ok();
  }));
  return out;
}

Status FoiService::update_remedy(const Principal& who, FoiRemedyId id, int expected_version,
                                 const RemedyInput& in, const RequestContext& ctx) {
  return store_.transact([&](FoiRepository& repo, audit::AuditSink& audit) -> Status {
    GK_TRY_ASSIGN(old, repo.find_remedy(id));
    GK_TRY_ASSIGN(c, repo.find_case(old.case_id));
    GK_TRY_STATUS(accounts::authorize(&who, Permission::kManageFoiRemedies, c.department));
    GK_TRY_ASSIGN(r, parse_remedy(in, c.received_on));
    r.id = id;
    r.case_id = old.case_id;
    r.source_id = old.source_id;
    r.version = expected_version;
    r.created_at = old.created_at;
    r.updated_at = clock_.now();
    GK_TRY_STATUS(repo.update_remedy(r));
    return audit.append(
        audit_event(&who, c.department, c.id, "foi.remedy.update",
                    fmt::format("{} 更新{}（{}），结果：{}", c.tracking_number, remedy_kind_label(r.kind),
                                r.filed.to_string(), remedy_outcome_label(r.outcome)),
                    ctx));
  });
}

// ---------------------------------------------------------------------------------------------
// Historical import

Result<ImportResult> FoiService::import_history(const Principal& who,
                                                const std::vector<HistoricalCase>& cases,
                                                const std::vector<HistoricalRemedy>& remedies,
                                                const RequestContext& ctx) {
  if (who.kind != Principal::Kind::kSystem)
    GK_TRY_STATUS(accounts::authorize(&who, Permission::kImportFoiCases));
  const Instant now = clock_.now();
  ImportResult result;
  GK_TRY_STATUS(store_.transact([&](FoiRepository& repo, audit::AuditSink& audit) -> Status {
    result = ImportResult{};
    for (const auto& h : cases) {
      if (h.closed && *h.closed < h.received) {
        result.rejected.emplace_back(h.line, "closed 早于 received");
        continue;
      }
      if (h.closed.has_value() != h.outcome.has_value()) {
        result.rejected.emplace_back(
            h.line, h.closed ? "已办结的申请须有 outcome" : "未办结（closed 为 null）的申请不能有 outcome");
        continue;
      }
      GK_TRY_ASSIGN(existing, repo.find_by_source_id(h.source_id));
      if (existing) {
        ++result.cases_existing;
        continue;
      }
      FoiCase c;
      c.department = h.department;
      c.applicant.type = h.applicant_type;
      c.applicant.id_kind = IdKind::kOther;
      c.sought.description = "（历史数据导入）";
      // History gives one date: treated as an in-person submission on that day (Art. 31).
      c.channel = Channel::kInPerson;
      c.submitted = h.received;
      c.received_on = h.received;
      c.state = h.closed ? CaseState::kClosed : CaseState::kOpen;
      c.outcome = h.outcome;
      c.closed_on = h.closed;
      c.source_id = h.source_id;
      c.created_at = c.updated_at = now;
      GK_TRY_ASSIGN(serial, repo.next_serial(fmt::format("foi:{}{}", tracking_prefix_, h.received.year())));
      c.tracking_number = fmt::format("{}{}-{:06d}", tracking_prefix_, h.received.year(), serial);
      GK_TRY_ASSIGN(id, repo.insert_case(c));
      CaseEvent e;
      e.seq = 1;
      e.case_id = id;
      e.type = CaseEventType::kRegistered;
      e.date = h.received;
      e.recorded_at = now;
      e.actor = who.actor();
      e.note = "历史数据导入：" + h.source_id;
      e.data.imported = true;
      GK_TRY_STATUS(repo.append_event(e));
      if (h.closed) {
        e.seq = 2;
        e.type = CaseEventType::kReplied;
        e.date = *h.closed;
        e.data.outcome = h.outcome;
        GK_TRY_STATUS(repo.append_event(e));
      }
      ++result.cases_inserted;
    }
    for (const auto& h : remedies) {
      const std::string source =
          fmt::format("{}/{}/{}", h.request_id, remedy_kind_key(h.kind), h.filed.to_string());
      GK_TRY_ASSIGN(existing, repo.find_remedy_by_source_id(source));
      if (existing) {
        ++result.remedies_existing;
        continue;
      }
      GK_TRY_ASSIGN(c, repo.find_by_source_id(h.request_id));
      if (!c) {
        result.rejected.emplace_back(h.line, fmt::format("request_id {} 不是已导入的申请", h.request_id));
        continue;
      }
      if (h.filed < c->received_on || (h.decided && *h.decided < h.filed)) {
        result.rejected.emplace_back(h.line, "日期顺序有误（filed 早于申请收到日期，或 decided 早于 filed）");
        continue;
      }
      if (h.decided.has_value() == (h.outcome == RemedyOutcome::kPending)) {
        result.rejected.emplace_back(h.line, h.decided ? "已审结（decided 非空）的结果不能是 pending"
                                                       : "未审结（decided 为 null）的结果应为 pending");
        continue;
      }
      FoiRemedy r;
      r.case_id = c->id;
      r.kind = h.kind;
      r.filed = h.filed;
      r.decided = h.decided;
      r.outcome = h.outcome;
      r.source_id = source;
      r.created_at = r.updated_at = now;
      GK_TRY_ASSIGN(rid, repo.insert_remedy(r));
      (void)rid;
      ++result.remedies_inserted;
    }
    if (result.cases_inserted + result.remedies_inserted > 0) {
      audit::AuditEvent e;
      e.actor = who.actor();
      e.action = "foi.import";
      e.target = "foi_cases";
      e.summary = fmt::format("导入依申请公开历史数据：申请 {} 件，复议诉讼 {} 件", result.cases_inserted,
                              result.remedies_inserted);
      e.request_id = ctx.request_id;
      e.ip = ctx.ip;
      GK_TRY_STATUS(audit.append(e));
    }
    return ok();
  }));
  return result;
}

}  // namespace gk::foi
