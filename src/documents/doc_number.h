// DocNumber: a 文号 (发文字号), the number an organ gives a document when it issues it, e.g.
// 东政办发〔2024〕5号 — issuer code 东政办发, year 2024, serial 5.
//
// 文号 come from people and from scraped pages, so parse_doc_number() tolerates the noise found in
// real data (../shared/corpus/doc_numbers.jsonl; figures in bench/doc_numbers/README.md):
//   * a label in front: 发文字号：, 发文字号, 文号:, 发文文号, 发文号 (full- or half-width colon);
//   * white space anywhere (ASCII, U+3000, NBSP, …) and zero-width characters (U+200B, U+FEFF, …);
//   * full-width digits (２０２１) and letters;
//   * every bracket 〔〕［］[]（）()【】〖〗﹝﹞〘〙, also mismatched (晋政办发(2017〕109号), and empty
//     bracket pairs left over from templates (…48号〔〕), which are dropped;
//   * 号 missing (晋政办发〔2012〕18), or written before the serial (晋政发〔2014〕号16), 第 before the
//     serial (国发〔2021〕第5号), serials with leading zeros (〔2021〕005号 is serial 5), 年 after the
//     year inside the brackets (〔2021年〕);
//   * the year without brackets: 浙政发2021年5号, 国家税务总局公告2015年第41号;
//   * numbers without a year, which orders (令) and announcements (公告) use because they are
//     numbered continuously: 国务院令第711号, 山西省人民政府令第304号, 主席令第七十三号 (Chinese numerals
//     are accepted in this 第N号 form only). For these `year` is 0.
// The issuer code is everything before the year or bracket (before 第 in the year-less form) and
// must consist of Chinese characters, 、, · or ASCII letters, so joint issuers such as
// 国务院、中央军事委员会令第22号 are one issuer code. It must not contain 关于, 的, 通知 or 批复: a
// 公文 title is 发文机关 + 关于 + 事由 + 的 + 文种, no organ's name contains those words, and a value
// such as "…的通知沪府发〔2009〕26号" is a title glued to a number (refused, with a message saying so).
//
// Compound numbers. A value may list several numbers separated by 、，,；;/ or 和/及/与
// (国发〔2021〕1号、国办发〔2021〕2号; 国务院令第492号，国务院令第711号 for a regulation and its revision).
// parse_doc_number() returns the FIRST one, after checking that every other part is a valid number
// too: the lead organ's number comes first in joint documents (《党政机关公文格式》: 联合行文时，使用
// 主办机关的发文字号; under 《政府信息公开条例》第十条 the lead organ discloses), and the original
// promulgation comes first in a list of revisions. parse_doc_numbers() returns all of them.
//
// Errors: InvalidArgument with one field error on "doc_number" and a Chinese message saying what
// could not be understood. Pure functions and value types; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace gk::documents {

// The field name used in field errors.
inline constexpr std::string_view kDocNumberField = "doc_number";

// Plausible years of a 文号: the People's Republic's documents, with room to spare.
inline constexpr int kMinDocNumberYear = 1949;
inline constexpr int kMaxDocNumberYear = 2100;
// Longest raw input accepted, in code points (a compound list of several numbers fits easily).
inline constexpr size_t kMaxDocNumberLength = 256;

struct DocNumber {
  std::string issuer_code;  // 机关代字, e.g. "东政办发", "国务院令"; never empty
  int year = 0;             // kMinDocNumberYear..kMaxDocNumberYear, or 0 for year-less numbers
  int serial = 0;           // 1..99'999'999, leading zeros dropped

  bool has_year() const { return year != 0; }

  // Canonical form: "{issuer}〔{year}〕{serial}号", or "{issuer}第{serial}号" without a year.
  std::string normalized() const;

  // Key for duplicate detection: two documents of the same issuer code, year and serial are the
  // same 文号 (a repository rejects the second one). "{issuer}|{year}|{serial}".
  std::string uniqueness_key() const;

  friend bool operator==(const DocNumber&, const DocNumber&) = default;
};

// True when both denote the same 文号 (equal normalized() forms).
bool same_number(const DocNumber& a, const DocNumber& b);

// Parses one 文号 from noisy input; for a compound input, the first number (see above).
[[nodiscard]] Result<DocNumber> parse_doc_number(std::string_view raw);

// Parses every number of a possibly compound input, in order; fails if any part fails.
[[nodiscard]] Result<std::vector<DocNumber>> parse_doc_numbers(std::string_view raw);

}  // namespace gk::documents
