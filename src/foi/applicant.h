// Applicants of 依申请公开 (条例 Art. 27): natural persons, and legal persons or other organisations
// in the five kinds the annual report counts separately (国办公开办函〔2021〕30号, regulations.md §3.3).
// Identity documents are checked here: the 居民身份证 number by its GB 11643-1999 check digit, the
// 统一社会信用代码 by its GB 32100-2015 check character. Personal data is masked for display unless a
// role needs it (masking functions below). Pure functions; thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/error.h"

namespace gk::foi {

enum class ApplicantType {
  kNaturalPerson,              // 自然人
  kCommercialEnterprise,       // 商业企业
  kResearchInstitution,        // 科研机构
  kSocialWelfareOrganization,  // 社会公益组织
  kLegalServiceInstitution,    // 法律服务机构
  kOtherOrganization,          // 其他
};

struct ApplicantTypeInfo {
  ApplicantType type;
  std::string_view key;    // "natural_person", … — the annual report's column keys
  std::string_view label;  // 自然人, 商业企业, …
};

// In the order of the annual report's columns.
std::span<const ApplicantTypeInfo> applicant_types();
std::string_view applicant_type_key(ApplicantType t);
std::string_view applicant_type_label(ApplicantType t);
std::optional<ApplicantType> parse_applicant_type(std::string_view key);
inline bool is_organization(ApplicantType t) { return t != ApplicantType::kNaturalPerson; }

// A 18-character 居民身份证 number: 17 digits and a check character (0–9 or X) per GB 11643-1999
// (ISO 7064 MOD 11-2), with a real birth date in positions 7–14. A lower-case x is accepted.
// InvalidArgument on field `field` with a Chinese message saying what is wrong.
[[nodiscard]] Status check_resident_id(std::string_view id, std::string_view field = "id_number");
// A 18-character 统一社会信用代码 per GB 32100-2015: characters from 0–9 and A–Y without I, O, S, V,
// Z, and the check character (MOD 31). Lower case accepted.
[[nodiscard]] Status check_credit_code(std::string_view code, std::string_view field = "id_number");

// Display masks: "张*明" / "张*", "330783********1234", "138****5678", "z***@example.com".
std::string mask_name(std::string_view name);
std::string mask_id_number(std::string_view id);
std::string mask_phone(std::string_view phone);
std::string mask_email(std::string_view email);

}  // namespace gk::foi
