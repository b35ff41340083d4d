// Reply letters (政府信息公开申请答复书 / 告知书): the written answer to an application, composed from the
// case's outcome — exactly one leaf row of the annual-report table (outcome.h) — as a
// docgen::OfficeDocument, and rendered to PDF or DOCX.
//
// Every letter: title, 文号, salutation, the receipt sentence (本机关于……收到您提出的政府信息公开申请),
// the outcome's reasoning citing its article of 《中华人民共和国政府信息公开条例》 (or the 109号 fee
// 办法), the remedy notice, 特此告知, the organ's signature and date. The remedy notice depends on
// info(outcome).refusal:
//   * refusals (不予公开 and 部分公开): 《中华人民共和国行政复议法》(2023年修订) 第二十三条第一款第（四）项
//     makes reconsideration come before litigation (复议前置), and its second paragraph obliges the
//     organ to say so in the decision — "可以自收到本答复之日起60日内向X申请行政复议；对行政复议决定不服的，
//     可以依法提起行政诉讼。";
//   * everything else: "可以在收到本答复之日起60日内向X申请行政复议，或者在6个月内向Y提起行政诉讼。"
//     (行政复议法 第二十条: 60 days; 行政诉讼法 第四十六条: 6 months).
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "docgen/office_document.h"
#include "foi/outcome.h"

namespace gk::foi {

// A part of the requested information withheld under Art. 37, and why (the reason should name its
// own basis, e.g. "涉及个人隐私，依据《中华人民共和国政府信息公开条例》第十五条不予公开").
struct WithheldPart {
  std::string description;
  std::string reason;
};

struct ReplyLetterInput {
  // Who answers whom.
  std::string organ;                       // 东阳市财政局 — required
  std::string letter_number;               // 东财依复〔2024〕12号 — required
  std::string applicant_name;              // 张三 (a person, or an organisation's name) — required
  bool applicant_is_organization = false;  // addresses "你单位" instead of "您"
  std::optional<Date> received;            // date of receipt (条例 Art. 31) — required
  std::string requested_information;       // name, 文号 or description of what was asked for — required
  Outcome outcome = Outcome::kDisclosed;

  // Outcome details; which are required depends on the outcome (see compose_reply_letter).
  std::string public_location;    // 36(一): where it is already public; 39 ¶2: where to get the publication
  std::string form_of_provision;  // 36(二), 37: e.g. "纸质"、"电子数据"
  std::vector<std::string> attachments;      // 附件 list for provided information
  std::vector<WithheldPart> withheld_parts;  // 37
  std::string reasons;                       // the organ's reasoning (不予公开, 35, 38, 其他处理)
  std::string competent_organ;               // 36(五): the organ responsible for disclosing it …
  std::string competent_organ_contact;       // … and its contact details
  std::string proper_channel;  // 36(七): the statutory access route; 39 ¶1: the petition channel
  std::optional<Date> clarification_notice_date;  // Art. 30 补正通知
  std::optional<Date> clarification_deadline;     // Art. 30 补正期限
  std::optional<Date> previous_reply_date;        // 36(六): the earlier reply …
  std::string previous_reply_number;              // … and its 文号
  std::optional<int64_t> fee_yuan;                // 109号: the fee notified …
  std::optional<Date> fee_notice_date;            // … the day the notice was sent …
  std::optional<Date> fee_deadline;               // … and the last day to pay
  std::string contact;                            // optional "联系人：…；联系电话：…"

  // Reply and remedies.
  std::optional<Date> reply_date;    // required; not before `received`
  std::string reconsideration_body;  // 行政复议机关, e.g. 东阳市人民政府 — required
  std::string court;  // e.g. 东阳市人民法院 — required unless the outcome is a refusal
};

// The letter as a document. InvalidArgument listing every missing or inconsistent field (field names
// as in ReplyLetterInput, messages in Chinese) — the common ones and those the outcome needs:
//   予以公开: public_location (already public, 36(一)) or form_of_provision (provided, 36(二));
//   部分公开: form_of_provision and withheld_parts (each with description and reason);
//   不予公开 （三）1–7: reasons; （三）8 (36(七)): proper_channel;
//   无法提供 （四）3 and 其他处理 （六）1: clarification_notice_date (（六）1 also clarification_deadline);
//   不予处理 （五）2 (repeat): previous_reply_date; 其他处理 （六）2: fee_yuan and fee_notice_date;
//   （六）3: reasons.
[[nodiscard]] Result<docgen::OfficeDocument> compose_reply_letter(const ReplyLetterInput& in);

// compose_reply_letter, then docgen::render_pdf / render_docx.
[[nodiscard]] Result<std::string> render_reply_letter_pdf(const ReplyLetterInput& in);
[[nodiscard]] Result<std::string> render_reply_letter_docx(const ReplyLetterInput& in);

// "2024年5月6日" — dates in letters carry no leading zeros (GB/T 9704-2012 §7.3.5.1).
std::string chinese_date(Date d);

}  // namespace gk::foi
