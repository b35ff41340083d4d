#include "foi/reply_letter.h"

#include <fmt/format.h>

#include "core/utf8.h"
#include "docgen/docx_renderer.h"
#include "docgen/pdf_renderer.h"

namespace gk::foi {
namespace {

using docgen::Align;

// The 条例 by its full name, as formal letters cite it.
constexpr std::string_view kRegulation = "《中华人民共和国政府信息公开条例》";
// 国办函〔2020〕109号 (regulations.md §2): fees; unpaid by the deadline → no further processing.
constexpr std::string_view kFeeMeasures = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）";

constexpr std::string_view kTitleReply = "政府信息公开申请答复书";  // decisions on the information
constexpr std::string_view kTitleNotice =
    "政府信息公开申请告知书";  // notices: not held, not processed, other
constexpr std::string_view kSealNote = "（印章）";

std::string_view chinese_numeral_1_to_99(int n, std::string& buf) {
  static constexpr std::string_view kDigits[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  buf.clear();
  if (n >= 10) {
    if (n / 10 > 1) buf += kDigits[n / 10];
    buf += "十";
  }
  buf += kDigits[n % 10];
  return buf;
}

// Ends `s` with a full stop unless it already ends with Chinese closing punctuation.
std::string sentence(std::string_view s) {
  std::string out = trim(s);
  if (out.empty()) return out;
  for (std::string_view end : {"。", "！", "？", "；", "”"})
    if (out.ends_with(end)) return out;
  return out + "。";
}

class Composer {
 public:
  explicit Composer(const ReplyLetterInput& in)
      : in_(in), you_(in.applicant_is_organization ? "你单位" : "您") {}

  Result<docgen::OfficeDocument> compose() {
    check_common();
    check_outcome();
    if (!errors_.empty()) {
      std::string names;
      for (const auto& e : errors_) names += (names.empty() ? "" : "、") + e.field;
      return fail(Error::invalid(fmt::format("答复书缺少或错填以下内容：{}", names), std::move(errors_)));
    }

    const OutcomeInfo& oi = info(in_.outcome);
    docgen::OfficeDocument doc;
    const bool decision = in_.outcome == Outcome::kDisclosed || in_.outcome == Outcome::kPartiallyDisclosed ||
                          oi.row.starts_with("（三）");
    doc.title = std::string(decision ? kTitleReply : kTitleNotice);
    doc.doc_number = in_.letter_number;
    doc.metadata.author = in_.organ;
    doc.metadata.subject = fmt::format("{}（{}）", doc.title, oi.label);
    doc.metadata.keywords = "政府信息公开";
    doc.metadata.created = in_.reply_date;

    add(docgen::paragraph(in_.applicant_name + "：", Align::kLeft, false));
    add(docgen::paragraph(fmt::format("本机关于{}收到{}提出的政府信息公开申请，{}申请获取“{}”的政府信息。",
                                      chinese_date(*in_.received), you_, you_,
                                      trim(in_.requested_information))));
    outcome_paragraphs();
    if (!in_.contact.empty())
      add(docgen::paragraph(fmt::format("如有疑问，请与本机关联系（{}）。", trim(in_.contact))));
    add(docgen::paragraph(remedy_notice()));
    add(docgen::paragraph("特此告知。"));
    if (!in_.attachments.empty()) {
      doc_blocks_.push_back(docgen::Spacer{doc.body_font_size_pt * doc.line_spacing});
      for (size_t i = 0; i < in_.attachments.size(); ++i)
        add(docgen::paragraph(
            fmt::format("{}{}.{}", i == 0 ? "附件：" : "　　　", i + 1, trim(in_.attachments[i])),
            Align::kLeft));
    }
    doc_blocks_.push_back(docgen::Spacer{doc.body_font_size_pt * doc.line_spacing * 2});
    doc_blocks_.push_back(
        docgen::Signature{in_.organ, chinese_date(*in_.reply_date), std::string(kSealNote)});
    doc.blocks = std::move(doc_blocks_);
    GK_TRY_STATUS(docgen::validate(doc));
    return doc;
  }

 private:
  void add(docgen::Paragraph p) { doc_blocks_.push_back(std::move(p)); }
  void para(std::string text) { add(docgen::paragraph(std::move(text))); }

  void error(std::string field, std::string message) {
    errors_.push_back({std::move(field), std::move(message)});
  }
  void need_text(const std::string& value, const char* field, const char* what) {
    if (trim(value).empty())
      error(field, fmt::format("请填写{}", what));
    else if (!is_valid_utf8(value))
      error(field, fmt::format("{}含有无效字符", what));
  }
  void need_date(const std::optional<Date>& d, const char* field, const char* what) {
    if (!d) error(field, fmt::format("请填写{}", what));
  }

  void check_common() {
    need_text(in_.organ, "organ", "答复机关");
    need_text(in_.letter_number, "letter_number", "答复书文号");
    need_text(in_.applicant_name, "applicant_name", "申请人名称");
    need_date(in_.received, "received", "收到申请日期");
    need_text(in_.requested_information, "requested_information", "申请获取的政府信息");
    need_date(in_.reply_date, "reply_date", "答复日期");
    if (in_.received && in_.reply_date && *in_.reply_date < *in_.received)
      error("reply_date", "答复日期不能早于收到申请日期");
    // 行政复议法（2023年修订）第二十条: 60 days to apply for reconsideration; the body must be named.
    need_text(in_.reconsideration_body, "reconsideration_body", "行政复议机关");
    // Refusals go to reconsideration first (第二十三条), so the letter names no court for them.
    if (!info(in_.outcome).refusal) need_text(in_.court, "court", "管辖的人民法院");
    for (const auto* s :
         {&in_.public_location, &in_.form_of_provision, &in_.reasons, &in_.competent_organ,
          &in_.competent_organ_contact, &in_.proper_channel, &in_.previous_reply_number, &in_.contact})
      if (!is_valid_utf8(*s)) error("details", "答复内容含有无效字符");
  }

  void check_outcome() {
    switch (in_.outcome) {
      case Outcome::kDisclosed:
        if (trim(in_.public_location).empty() && trim(in_.form_of_provision).empty())
          error("form_of_provision", "请填写提供方式，或已主动公开信息的获取途径（public_location）");
        break;
      case Outcome::kPartiallyDisclosed:
        need_text(in_.form_of_provision, "form_of_provision", "提供方式");
        if (in_.withheld_parts.empty()) error("withheld_parts", "部分公开须列明不予公开的内容及理由");
        for (size_t i = 0; i < in_.withheld_parts.size(); ++i) {
          if (trim(in_.withheld_parts[i].description).empty() ||
              !is_valid_utf8(in_.withheld_parts[i].description))
            error(fmt::format("withheld_parts[{}].description", i), "请填写不予公开的内容");
          if (trim(in_.withheld_parts[i].reason).empty() || !is_valid_utf8(in_.withheld_parts[i].reason))
            error(fmt::format("withheld_parts[{}].reason", i), "请填写不予公开的理由");
        }
        break;
      case Outcome::kWithheldStateSecret:
      case Outcome::kWithheldProhibitedByLaw:
      case Outcome::kWithheldSecurityStability:
      case Outcome::kWithheldThirdPartyRights:
      case Outcome::kWithheldInternalAffairs:
      case Outcome::kWithheldProcessInformation:
      case Outcome::kWithheldLawEnforcementFiles:
        // 条例第三十六条第（三）项: a refusal must give its reasons.
        need_text(in_.reasons, "reasons", "不予公开的理由");
        break;
      case Outcome::kWithheldAdministrativeQuery:
        need_text(in_.proper_channel, "proper_channel", "依照有关法律、行政法规获取信息的途径");
        break;
      case Outcome::kUnableUnclearAfterClarification:
        need_date(in_.clarification_notice_date, "clarification_notice_date", "补正通知日期");
        break;
      case Outcome::kNotProcessedRepeat:
        need_date(in_.previous_reply_date, "previous_reply_date", "此前答复日期");
        break;
      case Outcome::kOtherNoClarification:
        need_date(in_.clarification_notice_date, "clarification_notice_date", "补正通知日期");
        need_date(in_.clarification_deadline, "clarification_deadline", "补正期限");
        break;
      case Outcome::kOtherFeeUnpaid:
        if (!in_.fee_yuan || *in_.fee_yuan <= 0) error("fee_yuan", "请填写收费通知的金额");
        need_date(in_.fee_notice_date, "fee_notice_date", "收费通知日期");
        break;
      case Outcome::kOtherOther:
        need_text(in_.reasons, "reasons", "处理情况及理由");
        break;
      case Outcome::kUnableNotHeld:
      case Outcome::kUnableNeedsCreation:
      case Outcome::kNotProcessedPetitionComplaint:
      case Outcome::kNotProcessedPublication:
      case Outcome::kNotProcessedExcessive:
      case Outcome::kNotProcessedConfirmOrReissue:
        break;
    }
  }

  // "，详见附件" when something is attached.
  std::string see_attachment() const { return in_.attachments.empty() ? "" : "，详见附件"; }
  std::string reasons_sentence() const { return trim(in_.reasons).empty() ? "" : sentence(in_.reasons); }

  // A refusal under 条例 Arts. 14–16: the ground, the organ's reasons, the articles.
  void withheld(std::string_view ground, std::string_view articles) {
    para(fmt::format("经审查，{}申请获取的政府信息{}。{}根据{}{}的规定，本机关决定不予公开。", you_, ground,
                     reasons_sentence(), kRegulation, articles));
  }

  void outcome_paragraphs() {
    const std::string& you = you_;
    switch (in_.outcome) {
      case Outcome::kDisclosed:
        if (!trim(in_.public_location).empty()) {
          // 条例第三十六条第（一）项: already proactively disclosed — say where and how to get it.
          para(fmt::format(
              "经审查，{0}申请获取的政府信息已经主动公开。根据{1}第三十六条第（一）项的规定，现告知如下："
              "该信息已在{2}公开，{0}可以通过上述途径获取。",
              you, kRegulation, trim(in_.public_location)));
        } else {
          // 第三十六条第（二）项: can be disclosed — provide it.
          para(fmt::format(
              "经审查，{0}申请获取的政府信息属于可以公开的政府信息。根据{1}第三十六条第（二）项的规定，"
              "本机关决定予以公开，现以{2}形式向{0}提供{3}。",
              you, kRegulation, trim(in_.form_of_provision), see_attachment()));
        }
        break;
      case Outcome::kPartiallyDisclosed: {
        // 第三十七条: separate what can be disclosed and explain what is withheld.
        para(fmt::format(
            "经审查，{0}申请获取的政府信息中含有不应当公开的内容，但能够作区分处理。根据{1}第三十七条的规定，"
            "本机关决定对可以公开的部分予以公开，现以{2}形式向{0}提供{3}；对下列内容不予公开：",
            you, kRegulation, trim(in_.form_of_provision), see_attachment()));
        std::string buf;
        for (size_t i = 0; i < in_.withheld_parts.size(); ++i)
          para(fmt::format("（{}）{}。理由：{}", chinese_numeral_1_to_99(static_cast<int>(i) + 1, buf),
                           trim(in_.withheld_parts[i].description), sentence(in_.withheld_parts[i].reason)));
        break;
      }
      // 第十四条: state secrets, information other laws forbid, and what endangers the "三安全一稳定".
      case Outcome::kWithheldStateSecret:
        withheld("属于国家秘密", "第十四条、第三十六条第（三）项");
        break;
      case Outcome::kWithheldProhibitedByLaw:
        withheld("属于法律、行政法规禁止公开的政府信息", "第十四条、第三十六条第（三）项");
        break;
      case Outcome::kWithheldSecurityStability:
        withheld("公开后可能危及国家安全、公共安全、经济安全、社会稳定", "第十四条、第三十六条第（三）项");
        break;
      // 第十五条 (with the third-party consultation of 第三十二条).
      case Outcome::kWithheldThirdPartyRights:
        withheld("涉及商业秘密、个人隐私等公开后会对第三方合法权益造成损害的内容",
                 "第十五条、第三十二条、第三十六条第（三）项");
        break;
      // 第十六条第一款: internal affairs; 第二款: process information and law-enforcement files.
      case Outcome::kWithheldInternalAffairs:
        withheld("属于人事管理、后勤管理、内部工作流程等方面的内部事务信息",
                 "第十六条第一款、第三十六条第（三）项");
        break;
      case Outcome::kWithheldProcessInformation:
        withheld("属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息",
                 "第十六条第二款、第三十六条第（三）项");
        break;
      case Outcome::kWithheldLawEnforcementFiles:
        withheld("属于行政执法案卷信息", "第十六条第二款、第三十六条第（三）项");
        break;
      case Outcome::kWithheldAdministrativeQuery:
        // 第三十六条第（七）项: 工商、不动产登记资料 etc. — follow the special statutory route.
        para(fmt::format(
            "经审查，{0}"
            "申请获取的信息属于工商、不动产登记资料等有关法律、行政法规对信息的获取有特别规定的情形。"
            "{1}根据{2}第三十六条第（七）项的规定，请{0}按照有关法律、行政法规的规定办理：{3}",
            you, reasons_sentence(), kRegulation, sentence(in_.proper_channel)));
        break;
      case Outcome::kUnableNotHeld:
        if (trim(in_.competent_organ).empty()) {
          // 第三十六条第（四）项: the search found nothing — tell the applicant it does not exist.
          para(fmt::format(
              "经检索查找，本机关未制作或者获取{0}申请获取的政府信息。根据{1}第三十六条第（四）项的规定，"
              "告知{0}该政府信息不存在。",
              you, kRegulation));
        } else {
          // 第三十六条第（五）项: not ours to disclose — name the competent organ and its contact details.
          const std::string contact =
              trim(in_.competent_organ_contact).empty()
                  ? ""
                  : fmt::format("（联系方式：{}）", trim(in_.competent_organ_contact));
          para(
              fmt::format("经审查，{0}申请获取的政府信息不属于本机关负责公开。根据{1}"
                          "第三十六条第（五）项的规定，现告知如下："
                          "该政府信息由{2}负责公开{3}，{0}可以向其提出申请。",
                          you, kRegulation, trim(in_.competent_organ), contact));
        }
        break;
      case Outcome::kUnableNeedsCreation:
        // 第三十八条: no duty to create information by processing or analysing what is held.
        para(fmt::format(
            "经审查，本机关未保存{0}所申请的现成信息，提供该信息需要本机关对现有政府信息进行加工、分析。"
            "{1}根据{2}第三十八条的规定，本机关不予提供。",
            you, reasons_sentence(), kRegulation));
        break;
      case Outcome::kUnableUnclearAfterClarification:
        // 第三十条: after one clarification notice the request is still unclear.
        para(fmt::format(
            "本机关于{1}向{0}发出补正申请通知书，{0}补正后的申请内容仍不明确，本机关无法据此确定{0}所申请的"
            "政府信息。根据{2}第三十条的规定，本机关无法提供。{0}可以在明确所需政府信息的名称、文号或者便于"
            "查询的其他特征性描述后重新提出申请。",
            you, chinese_date(*in_.clarification_notice_date), kRegulation));
        break;
      case Outcome::kNotProcessedPetitionComplaint: {
        // 第三十九条第一款: petitions, complaints and reports are not disclosure applications.
        const std::string channel =
            trim(in_.proper_channel).empty()
                ? ""
                : fmt::format("，{}可以通过{}反映有关诉求", you, trim(in_.proper_channel));
        para(fmt::format(
            "经审查，{0}以政府信息公开申请的形式进行信访、投诉、举报等活动。根据{1}第三十九条第一款的规定，"
            "本机关不作为政府信息公开申请处理{2}。",
            you, kRegulation, channel));
        break;
      }
      case Outcome::kNotProcessedRepeat: {
        // 第三十六条第（六）项: a repeat of an application already answered is not processed again.
        const std::string number = trim(in_.previous_reply_number).empty()
                                       ? ""
                                       : fmt::format("（{}）", trim(in_.previous_reply_number));
        para(fmt::format(
            "经审查，{0}曾就相同的政府信息向本机关提出公开申请，本机关已于{1}作出答复{2}。{0}本次提出的申请"
            "属于重复申请。根据{3}第三十六条第（六）项的规定，本机关不予重复处理。",
            you, chinese_date(*in_.previous_reply_date), number, kRegulation));
        break;
      }
      case Outcome::kNotProcessedPublication: {
        // 第三十九条第二款: publications — the organ may say where to get them.
        const std::string where = trim(in_.public_location).empty()
                                      ? ""
                                      : fmt::format("，{}可以通过{}获取", you, trim(in_.public_location));
        para(fmt::format(
            "经审查，{0}申请获取的信息属于政府公报、报刊、书籍等公开出版物。根据{1}第三十九条第二款的规定，"
            "本机关不作为政府信息公开申请处理{2}。",
            you, kRegulation, where));
        break;
      }
      case Outcome::kNotProcessedExcessive:
        // 第三十五条: excessive number or frequency, and the reasons given were not reasonable.
        para(
            fmt::format("经审查，{0}提出的政府信息公开申请的数量、频次明显超过合理范围。本机关已要求{0}"
                        "说明理由，{0}提出的"
                        "理由不合理。{1}根据{2}第三十五条的规定，本机关不予处理。",
                        you, reasons_sentence(), kRegulation));
        break;
      case Outcome::kNotProcessedConfirmOrReissue:
        // （五）5, resting on 第三十六条 (outcome.h): confirming or re-issuing information already obtained
        // is not a disclosure application.
        para(fmt::format(
            "经审查，{0}的申请系要求本机关对{0}已获取的政府信息进行确认或者重新出具，不属于政府信息公开申请。"
            "根据{1}第三十六条的规定，本机关不予处理。",
            you, kRegulation));
        break;
      case Outcome::kOtherNoClarification:
        // 第三十条: not supplemented by the deadline without good reason — deemed abandoned.
        para(
            fmt::format("本机关于{1}向{0}发出补正申请通知书，要求{0}于{2}前补正。{0}"
                        "无正当理由逾期未补正。根据{3}第三十条的"
                        "规定，视为{0}放弃申请，本机关不再处理{0}的该政府信息公开申请。",
                        you, chinese_date(*in_.clarification_notice_date),
                        chinese_date(*in_.clarification_deadline), kRegulation));
        break;
      case Outcome::kOtherFeeUnpaid: {
        // 国办函〔2020〕109号: the fee is payable within 20 working days from the day after the notice is
        // received; unpaid by then, the application is not processed further.
        const std::string deadline =
            in_.fee_deadline ? fmt::format("，缴费期限至{}", chinese_date(*in_.fee_deadline)) : std::string();
        para(fmt::format(
            "本机关于{1}向{0}发出信息处理费收费通知，应缴金额为{2}元{3}。{0}逾期未按收费通知要求缴纳费用。"
            "根据{4}的规定，本机关不再处理{0}的该政府信息公开申请。",
            you, chinese_date(*in_.fee_notice_date), *in_.fee_yuan, deadline, kFeeMeasures));
        break;
      }
      case Outcome::kOtherOther:
        para(fmt::format("经审查，{}根据{}的有关规定，本机关作上述处理。", sentence(in_.reasons),
                         kRegulation));
        break;
    }
  }

  std::string remedy_notice() const {
    if (info(in_.outcome).refusal) {
      // 《中华人民共和国行政复议法》（2023年修订）第二十三条第一款第（四）项: where an organ refuses to
      // disclose, the applicant must apply for reconsideration before suing (复议前置); 第二款: the organ
      // must say so when it decides. 第二十条: 60 days.
      return fmt::format(
          "如对本答复不服，根据《中华人民共和国行政复议法》第二十三条的规定，应当先申请行政复议：{}可以自收到"
          "本答复之日起60日内向{}申请行政复议；对行政复议决定不服的，可以依法提起行政诉讼。",
          you_, trim(in_.reconsideration_body));
    }
    // 行政复议法第二十条 (60 days) or 行政诉讼法第四十六条 (6 months), at the applicant's choice.
    return fmt::format(
        "如对本答复不服，{}可以在收到本答复之日起60日内向{}申请行政复议，或者在6个月内向{}提起行政诉讼。",
        you_, trim(in_.reconsideration_body), trim(in_.court));
  }

  const ReplyLetterInput& in_;
  std::string you_;
  std::vector<FieldError> errors_;
  std::vector<docgen::Block> doc_blocks_;
};

}  // namespace

std::string chinese_date(Date d) { return fmt::format("{}年{}月{}日", d.year(), d.month(), d.day()); }

Result<docgen::OfficeDocument> compose_reply_letter(const ReplyLetterInput& in) {
  return Composer(in).compose();
}

Result<std::string> render_reply_letter_pdf(const ReplyLetterInput& in) {
  GK_TRY_ASSIGN(doc, compose_reply_letter(in));
  return docgen::render_pdf(doc);
}

Result<std::string> render_reply_letter_docx(const ReplyLetterInput& in) {
  GK_TRY_ASSIGN(doc, compose_reply_letter(in));
  return docgen::render_docx(doc);
}

}  // namespace gk::foi
