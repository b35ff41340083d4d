#include "foi/applicant.h"

#include <cctype>
#include <vector>

#include "core/date.h"
#include "core/utf8.h"

namespace gk::foi {
namespace {

constexpr ApplicantTypeInfo kTypes[] = {
    {ApplicantType::kNaturalPerson, "natural_person", "自然人"},
    {ApplicantType::kCommercialEnterprise, "commercial_enterprise", "商业企业"},
    {ApplicantType::kResearchInstitution, "research_institution", "科研机构"},
    {ApplicantType::kSocialWelfareOrganization, "social_welfare_organization", "社会公益组织"},
    {ApplicantType::kLegalServiceInstitution, "legal_service_institution", "法律服务机构"},
    {ApplicantType::kOtherOrganization, "other_organization", "其他"},
};

// GB 32100-2015: the 31 characters of the code, in value order.
constexpr std::string_view kCreditChars = "0123456789ABCDEFGHJKLMNPQRTUWXY";

}  // namespace

std::span<const ApplicantTypeInfo> applicant_types() { return kTypes; }

std::string_view applicant_type_key(ApplicantType t) {
  for (const auto& i : kTypes)
    if (i.type == t) return i.key;
  return "natural_person";
}

std::string_view applicant_type_label(ApplicantType t) {
  for (const auto& i : kTypes)
    if (i.type == t) return i.label;
  return "自然人";
}

std::optional<ApplicantType> parse_applicant_type(std::string_view key) {
  for (const auto& i : kTypes)
    if (i.key == key) return i.type;
  return std::nullopt;
}

Status check_resident_id(std::string_view id, std::string_view field) {
  const std::string f(field);
  if (id.size() != 18) return fail(Error::invalid_field(f, "居民身份证号码应为18位"));
  for (size_t i = 0; i < 17; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(id[i]))) return fail(Error::invalid_field(f, "居民身份证号码前17位应为数字"));
  }
  const char last = static_cast<char>(std::toupper(static_cast<unsigned char>(id[17])));
  if (!std::isdigit(static_cast<unsigned char>(last)) && last != 'X') {
    return fail(Error::invalid_field(f, "居民身份证号码最后一位应为数字或X"));
  }
  const int year = std::stoi(std::string(id.substr(6, 4)));
  const int month = std::stoi(std::string(id.substr(10, 2)));
  const int day = std::stoi(std::string(id.substr(12, 2)));
  if (year < 1900 || !Date::from_ymd(year, month, day)) {
    return fail(Error::invalid_field(f, "居民身份证号码中的出生日期无效"));
  }
  // GB 11643-1999 / ISO 7064 MOD 11-2: weights 2^(17-i) mod 11.
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char kCheck[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (id[i] - '0') * kWeights[i];
  if (kCheck[sum % 11] != last) return fail(Error::invalid_field(f, "居民身份证号码校验位不正确，请核对"));
  return ok();
}

Status check_credit_code(std::string_view code, std::string_view field) {
  const std::string f(field);
  if (code.size() != 18) return fail(Error::invalid_field(f, "统一社会信用代码应为18位"));
  // GB 32100-2015: weights 3^(i) mod 31 for positions 1..17; check = 31 - (sum mod 31), 31 → 0.
  static constexpr int kWeights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
  int sum = 0;
  int values[18];
  for (size_t i = 0; i < 18; ++i) {
    const char ch = static_cast<char>(std::toupper(static_cast<unsigned char>(code[i])));
    const auto pos = kCreditChars.find(ch);
    if (pos == std::string_view::npos) {
      return fail(Error::invalid_field(f, "统一社会信用代码含有无效字符（不使用I、O、S、V、Z）"));
    }
    values[i] = static_cast<int>(pos);
  }
  for (int i = 0; i < 17; ++i) sum += values[i] * kWeights[i];
  const int check = (31 - sum % 31) % 31;
  if (values[17] != check) return fail(Error::invalid_field(f, "统一社会信用代码校验位不正确，请核对"));
  return ok();
}

std::string mask_name(std::string_view name) {
  // Keep the first character (the family name) and, for names of three or more, the last one.
  std::vector<std::string_view> chars;
  size_t i = 0;
  while (i < name.size()) {
    const auto lead = static_cast<unsigned char>(name[i]);
    size_t len = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (i + len > name.size()) len = 1;
    chars.push_back(name.substr(i, len));
    i += len;
  }
  if (chars.empty()) return "";
  if (chars.size() == 1) return "*";
  std::string out(chars.front());
  if (chars.size() == 2) return out + "*";
  for (size_t k = 1; k + 1 < chars.size(); ++k) out += "*";
  out += chars.back();
  return out;
}

std::string mask_id_number(std::string_view id) {
  if (id.size() <= 10) return std::string(id.size(), '*');
  return std::string(id.substr(0, 6)) + std::string(id.size() - 10, '*') + std::string(id.substr(id.size() - 4));
}

std::string mask_phone(std::string_view phone) {
  if (phone.size() < 7) return std::string(phone.size(), '*');
  return std::string(phone.substr(0, 3)) + std::string(phone.size() - 7, '*') + std::string(phone.substr(phone.size() - 4));
}

std::string mask_email(std::string_view email) {
  const auto at = email.find('@');
  if (at == std::string_view::npos || at == 0) return std::string(email.size(), '*');
  return std::string(email.substr(0, 1)) + "***" + std::string(email.substr(at));
}

}  // namespace gk::foi
