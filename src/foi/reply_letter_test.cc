#include "foi/reply_letter.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <type_traits>

namespace gk::foi {
namespace {

namespace fs = std::filesystem;

Date d(int y, int m, int day) { return *Date::from_ymd(y, m, day); }

// A full input: every detail any outcome may need is filled in.
ReplyLetterInput full_input(Outcome o) {
  ReplyLetterInput in;
  in.organ = "东阳市财政局";
  in.letter_number = "东财依复〔2024〕12号";
  in.applicant_name = "张三";
  in.received = d(2024, 5, 6);
  in.requested_information = "东阳市2023年度政府采购项目清单";
  in.outcome = o;
  in.form_of_provision = "电子数据";
  in.attachments = {"东阳市2023年度政府采购项目清单"};
  in.withheld_parts = {{"供应商联系人的身份证号码和手机号码",
                        "涉及个人隐私，依据《中华人民共和国政府信息公开条例》第十五条不予公开"}};
  in.reasons = "该信息经定密机关依法确定为国家秘密";
  in.proper_channel = "持身份证明到东阳市不动产登记中心查询";
  in.clarification_notice_date = d(2024, 5, 8);
  in.clarification_deadline = d(2024, 5, 20);
  in.previous_reply_date = d(2024, 3, 1);
  in.previous_reply_number = "东财依复〔2024〕3号";
  in.fee_yuan = 1200;
  in.fee_notice_date = d(2024, 5, 10);
  in.fee_deadline = d(2024, 6, 7);
  in.reply_date = d(2024, 6, 3);
  in.reconsideration_body = "东阳市人民政府";
  in.court = "东阳市人民法院";
  return in;
}

// All paragraph and signature text of a letter, in order.
std::string text_of(const docgen::OfficeDocument& doc) {
  std::string out = doc.title + "\n" + doc.doc_number + "\n";
  for (const auto& b : doc.blocks) {
    if (const auto* p = std::get_if<docgen::Paragraph>(&b)) {
      for (const auto& r : p->runs) out += r.text;
      out += "\n";
    } else if (const auto* s = std::get_if<docgen::Signature>(&b)) {
      out += s->organ + "\n" + s->date + "\n";
    }
  }
  return out;
}

bool has(const std::string& hay, std::string_view needle) { return hay.find(needle) != std::string::npos; }

// The article each outcome's letter must cite (regulations.md §1.4, §3.3; outcome.h).
struct Citation {
  Outcome outcome;
  const char* cites;
  const char* title;
};
constexpr Citation kCitations[] = {
    {Outcome::kDisclosed, "第三十六条第（二）项", "政府信息公开申请答复书"},
    {Outcome::kPartiallyDisclosed, "第三十七条", "政府信息公开申请答复书"},
    {Outcome::kWithheldStateSecret, "第十四条", "政府信息公开申请答复书"},
    {Outcome::kWithheldProhibitedByLaw, "第十四条", "政府信息公开申请答复书"},
    {Outcome::kWithheldSecurityStability, "第十四条", "政府信息公开申请答复书"},
    {Outcome::kWithheldThirdPartyRights, "第十五条", "政府信息公开申请答复书"},
    {Outcome::kWithheldInternalAffairs, "第十六条第一款", "政府信息公开申请答复书"},
    {Outcome::kWithheldProcessInformation, "第十六条第二款", "政府信息公开申请答复书"},
    {Outcome::kWithheldLawEnforcementFiles, "第十六条第二款", "政府信息公开申请答复书"},
    {Outcome::kWithheldAdministrativeQuery, "第三十六条第（七）项", "政府信息公开申请答复书"},
    {Outcome::kUnableNotHeld, "第三十六条第（四）项", "政府信息公开申请告知书"},
    {Outcome::kUnableNeedsCreation, "第三十八条", "政府信息公开申请告知书"},
    {Outcome::kUnableUnclearAfterClarification, "第三十条", "政府信息公开申请告知书"},
    {Outcome::kNotProcessedPetitionComplaint, "第三十九条第一款", "政府信息公开申请告知书"},
    {Outcome::kNotProcessedRepeat, "第三十六条第（六）项", "政府信息公开申请告知书"},
    {Outcome::kNotProcessedPublication, "第三十九条第二款", "政府信息公开申请告知书"},
    {Outcome::kNotProcessedExcessive, "第三十五条", "政府信息公开申请告知书"},
    {Outcome::kNotProcessedConfirmOrReissue, "第三十六条", "政府信息公开申请告知书"},
    {Outcome::kOtherNoClarification, "第三十条", "政府信息公开申请告知书"},
    {Outcome::kOtherFeeUnpaid, "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
     "政府信息公开申请告知书"},
    {Outcome::kOtherOther, "《中华人民共和国政府信息公开条例》的有关规定", "政府信息公开申请告知书"},
};

TEST(ReplyLetterTest, EveryOutcomeCitesItsArticle) {
  ASSERT_EQ(std::size(kCitations), outcomes().size());
  for (const Citation& c : kCitations) {
    const OutcomeInfo& oi = info(c.outcome);
    auto doc = compose_reply_letter(full_input(c.outcome));
    ASSERT_TRUE(doc.has_value()) << oi.key << ": " << doc.error().to_string();
    const std::string text = text_of(*doc);
    EXPECT_TRUE(has(text, c.cites)) << oi.key << "\n" << text;
    EXPECT_EQ(doc->title, c.title) << oi.key;
    EXPECT_EQ(doc->doc_number, "东财依复〔2024〕12号");
    EXPECT_TRUE(has(text, "张三：")) << oi.key;
    EXPECT_TRUE(has(text, "本机关于2024年5月6日收到您提出的政府信息公开申请")) << oi.key;
    EXPECT_TRUE(has(text, "特此告知。")) << oi.key;
    EXPECT_TRUE(has(text, "2024年6月3日")) << oi.key;
    if (c.outcome != Outcome::kOtherFeeUnpaid) {
      EXPECT_TRUE(has(text, "《中华人民共和国政府信息公开条例》")) << oi.key;
    }
  }
}

TEST(ReplyLetterTest, RefusalsSayReconsiderationComesFirst) {
  for (const OutcomeInfo& oi : outcomes()) {
    auto doc = compose_reply_letter(full_input(oi.outcome));
    ASSERT_TRUE(doc.has_value()) << oi.key;
    const std::string text = text_of(*doc);
    if (oi.refusal) {
      // 行政复议法（2023年修订）第二十三条: reconsideration before litigation, and the letter says so.
      EXPECT_TRUE(has(text,
                      "可以自收到本答复之日起60日内向东阳市人民政府申请行政复议；对行政复议决定不服的，可以依"
                      "法提起行政诉讼。"))
          << oi.key;
      EXPECT_TRUE(has(text, "《中华人民共和国行政复议法》第二十三条")) << oi.key;
      EXPECT_FALSE(has(text, "或者在6个月内")) << oi.key;
    } else {
      EXPECT_TRUE(has(text,
                      "可以在收到本答复之日起60日内向东阳市人民政府申请行政复议，或者在6个月内向东阳市人民法"
                      "院提起行政诉讼。"))
          << oi.key;
      EXPECT_FALSE(has(text, "对行政复议决定不服的")) << oi.key;
    }
  }
}

TEST(ReplyLetterTest, WithholdingOutcomesAreRefusals) {
  EXPECT_FALSE(info(Outcome::kDisclosed).refusal);
  EXPECT_TRUE(info(Outcome::kPartiallyDisclosed).refusal);
  EXPECT_TRUE(info(Outcome::kWithheldStateSecret).refusal);
  EXPECT_TRUE(info(Outcome::kWithheldAdministrativeQuery).refusal);
  EXPECT_FALSE(info(Outcome::kUnableNotHeld).refusal);
  EXPECT_FALSE(info(Outcome::kNotProcessedRepeat).refusal);
}

TEST(ReplyLetterTest, MissingCommonFieldsAreAllNamed) {
  ReplyLetterInput in;
  in.outcome = Outcome::kDisclosed;
  auto doc = compose_reply_letter(in);
  ASSERT_FALSE(doc.has_value());
  EXPECT_EQ(doc.error().code(), ErrorCode::kInvalidArgument);
  std::vector<std::string> fields;
  for (const auto& f : doc.error().fields()) fields.push_back(f.field);
  for (const char* f : {"organ", "letter_number", "applicant_name", "received", "requested_information",
                        "reply_date", "reconsideration_body", "court", "form_of_provision"})
    EXPECT_NE(std::find(fields.begin(), fields.end(), f), fields.end()) << f;
}

TEST(ReplyLetterTest, EachOutcomeRequiresItsDetails) {
  struct Case {
    Outcome outcome;
    const char* field;
    void (*clear)(ReplyLetterInput&);
  };
  const Case cases[] = {
      {Outcome::kDisclosed, "form_of_provision",
       [](ReplyLetterInput& i) {
         i.form_of_provision.clear();
         i.public_location.clear();
       }},
      {Outcome::kPartiallyDisclosed, "withheld_parts", [](ReplyLetterInput& i) { i.withheld_parts.clear(); }},
      {Outcome::kPartiallyDisclosed, "withheld_parts[0].reason",
       [](ReplyLetterInput& i) { i.withheld_parts[0].reason = " "; }},
      {Outcome::kPartiallyDisclosed, "form_of_provision",
       [](ReplyLetterInput& i) { i.form_of_provision.clear(); }},
      {Outcome::kWithheldStateSecret, "reasons", [](ReplyLetterInput& i) { i.reasons.clear(); }},
      {Outcome::kWithheldThirdPartyRights, "reasons", [](ReplyLetterInput& i) { i.reasons = "　"; }},
      {Outcome::kWithheldAdministrativeQuery, "proper_channel",
       [](ReplyLetterInput& i) { i.proper_channel.clear(); }},
      {Outcome::kUnableUnclearAfterClarification, "clarification_notice_date",
       [](ReplyLetterInput& i) { i.clarification_notice_date.reset(); }},
      {Outcome::kNotProcessedRepeat, "previous_reply_date",
       [](ReplyLetterInput& i) { i.previous_reply_date.reset(); }},
      {Outcome::kOtherNoClarification, "clarification_deadline",
       [](ReplyLetterInput& i) { i.clarification_deadline.reset(); }},
      {Outcome::kOtherFeeUnpaid, "fee_yuan", [](ReplyLetterInput& i) { i.fee_yuan.reset(); }},
      {Outcome::kOtherFeeUnpaid, "fee_notice_date", [](ReplyLetterInput& i) { i.fee_notice_date.reset(); }},
      {Outcome::kOtherOther, "reasons", [](ReplyLetterInput& i) { i.reasons.clear(); }},
      {Outcome::kUnableNotHeld, "court", [](ReplyLetterInput& i) { i.court.clear(); }},
      {Outcome::kDisclosed, "reply_date", [](ReplyLetterInput& i) { i.reply_date = d(2024, 5, 1); }},
      {Outcome::kDisclosed, "applicant_name", [](ReplyLetterInput& i) { i.applicant_name = "\xE5\xBC"; }},
  };
  for (const Case& c : cases) {
    ReplyLetterInput in = full_input(c.outcome);
    c.clear(in);
    auto doc = compose_reply_letter(in);
    ASSERT_FALSE(doc.has_value()) << info(c.outcome).key << " " << c.field;
    ASSERT_EQ(doc.error().fields().size(), 1u) << doc.error().to_string();
    EXPECT_EQ(doc.error().fields().front().field, c.field) << info(c.outcome).key;
  }
}

TEST(ReplyLetterTest, RefusalNeedsNoCourt) {
  ReplyLetterInput in = full_input(Outcome::kWithheldInternalAffairs);
  in.court.clear();
  EXPECT_TRUE(compose_reply_letter(in).has_value());
}

TEST(ReplyLetterTest, DisclosedLetterSaysWhereOrHow) {
  ReplyLetterInput in = full_input(Outcome::kDisclosed);
  in.public_location = "东阳市人民政府门户网站“政府信息公开”专栏";
  std::string text = text_of(*compose_reply_letter(in));
  EXPECT_TRUE(has(text, "第三十六条第（一）项")) << text;
  EXPECT_TRUE(has(text, "该信息已在东阳市人民政府门户网站“政府信息公开”专栏公开"));

  in.public_location.clear();
  text = text_of(*compose_reply_letter(in));
  EXPECT_TRUE(has(text, "现以电子数据形式向您提供，详见附件。"));
  EXPECT_TRUE(has(text, "附件：1.东阳市2023年度政府采购项目清单"));
}

TEST(ReplyLetterTest, PartialDisclosureListsWithheldPartsAndReasons) {
  ReplyLetterInput in = full_input(Outcome::kPartiallyDisclosed);
  in.withheld_parts.push_back({"评审专家名单", "属于过程性信息，依据第十六条第二款不予公开"});
  const std::string text = text_of(*compose_reply_letter(in));
  EXPECT_TRUE(has(text, "（一）供应商联系人的身份证号码和手机号码。理由：涉及个人隐私")) << text;
  EXPECT_TRUE(has(text, "（二）评审专家名单。理由：属于过程性信息，依据第十六条第二款不予公开。")) << text;
}

TEST(ReplyLetterTest, TransferNamesTheCompetentOrgan) {
  ReplyLetterInput in = full_input(Outcome::kUnableNotHeld);
  in.competent_organ = "东阳市自然资源和规划局";
  in.competent_organ_contact = "0579-86000000";
  const std::string text = text_of(*compose_reply_letter(in));
  EXPECT_TRUE(has(text, "第三十六条第（五）项")) << text;
  EXPECT_TRUE(has(text, "该政府信息由东阳市自然资源和规划局负责公开（联系方式：0579-86000000）"));
}

TEST(ReplyLetterTest, OrganisationsAreAddressedAsYourUnit) {
  ReplyLetterInput in = full_input(Outcome::kNotProcessedRepeat);
  in.applicant_name = "东阳市某某律师事务所";
  in.applicant_is_organization = true;
  const std::string text = text_of(*compose_reply_letter(in));
  EXPECT_TRUE(has(text, "东阳市某某律师事务所：\n"));
  EXPECT_TRUE(has(text, "收到你单位提出的政府信息公开申请"));
  EXPECT_TRUE(has(text, "本机关已于2024年3月1日作出答复（东财依复〔2024〕3号）"));
}

TEST(ReplyLetterTest, ChineseDatesHaveNoLeadingZeros) {
  EXPECT_EQ(chinese_date(d(2024, 1, 5)), "2024年1月5日");
  EXPECT_EQ(chinese_date(d(2023, 12, 31)), "2023年12月31日");
}

std::string run(const std::string& cmd) {
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  EXPECT_EQ(::pclose(p), 0) << cmd;
  return out;
}

std::string write_temp(const std::string& bytes, const char* suffix) {
  std::string tmpl = (fs::path(::testing::TempDir()) / "gk-letter-XXXXXX").string();
  ::close(::mkstemp(tmpl.data()));
  fs::remove(tmpl);
  const std::string path = tmpl + suffix;
  std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return path;
}

std::string squeeze(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\n' && c != '\f') out += c;
  return out;
}

TEST(ReplyLetterTest, PdfCarriesApplicantAndRemedy) {
  auto pdf = render_reply_letter_pdf(full_input(Outcome::kPartiallyDisclosed));
  ASSERT_TRUE(pdf.has_value()) << pdf.error().to_string();
  EXPECT_TRUE(pdf->starts_with("%PDF-"));
  if (const char* dir = std::getenv("GK_DOCGEN_SAMPLES"))
    std::ofstream(fs::path(dir) / "reply_partial.pdf", std::ios::binary) << *pdf;
  const std::string path = write_temp(*pdf, ".pdf");
  const std::string text = squeeze(run("pdftotext -enc UTF-8 " + path + " - 2>&1"));
  fs::remove(path);
  EXPECT_TRUE(has(text, "张三")) << text;
  EXPECT_TRUE(has(text, "行政复议"));
  EXPECT_TRUE(has(text, "第三十七条"));
  EXPECT_TRUE(has(text, "东阳市财政局"));
}

TEST(ReplyLetterTest, DocxHasAParagraphCitingTheArticle) {
  auto docx = render_reply_letter_docx(full_input(Outcome::kWithheldThirdPartyRights));
  ASSERT_TRUE(docx.has_value()) << docx.error().to_string();
  if (const char* dir = std::getenv("GK_DOCGEN_SAMPLES"))
    std::ofstream(fs::path(dir) / "reply_third_party.docx", std::ios::binary) << *docx;
  const std::string path = write_temp(*docx, ".docx");
  // python3 is a build dependency (python3-jieba); zipfile reads the package.
  const std::string xml =
      run("/usr/bin/python3 -c 'import sys, zipfile; "
          "sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(\"word/document.xml\").decode())' " +
          path);
  fs::remove(path);
  // One w:p holds the decision with its articles.
  const size_t at = xml.find("第十五条、第三十二条、第三十六条第（三）项");
  ASSERT_NE(at, std::string::npos) << xml;
  const size_t p_open = xml.rfind("<w:p>", at), p_close = xml.find("</w:p>", at);
  ASSERT_NE(p_open, std::string::npos);
  EXPECT_EQ(xml.substr(p_open, p_close - p_open).find("</w:p>"), std::string::npos);
  EXPECT_TRUE(has(xml.substr(p_open, p_close - p_open), "本机关决定不予公开"));
  EXPECT_TRUE(has(xml, "对行政复议决定不服的"));
}

}  // namespace
}  // namespace gk::foi
